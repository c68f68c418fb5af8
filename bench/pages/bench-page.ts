/**
 * The page every bench browser context opens. Node drives it through `window.bench`
 * (page.evaluate); each library sits in its own module and only one is used per page.
 */
import * as ours from './ours.js';
import * as raw from './raw.js';
import * as trystero from './trystero.js';

declare global {
  interface Window {
    bench: { ours: typeof ours; raw: typeof raw; trystero: typeof trystero };
  }
}

window.bench = { ours, raw, trystero };
