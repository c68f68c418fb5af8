/**
 * The page every bench browser context opens. Node drives it through `window.bench`
 * (page.evaluate); each library sits in its own module and only one is used per page
 * (`components` times pieces of a file transfer alone, figure 4; `attacks` watches a victim
 * page or floods the broker from an attacker page, figure 7).
 */
import * as attacks from './attacks.js';
import * as components from './components.js';
import * as history from './history.js';
import * as ours from './ours.js';
import * as raw from './raw.js';
import * as trystero from './trystero.js';

declare global {
  interface Window {
    bench: { ours: typeof ours; raw: typeof raw; trystero: typeof trystero; components: typeof components; attacks: typeof attacks; history: typeof history };
  }
}

window.bench = { ours, raw, trystero, components, attacks, history };
