// Importing rtchat in Node, as Next.js, Nuxt or Astro do while they render on the server:
// every public entry (the exports map) and each element's define module loads without
// throwing: nothing touches a browser API at import time. Needs `npm run build` (dist/).
// Run with `npm run test:ssr` (node's own test runner; no browser).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const pkg = JSON.parse(readFileSync(new URL('package.json', `file://${root}/`), 'utf8'));

/**
 * The one-file browser bundles of the whole library, for a <script> tag: built from lit's
 * browser build, which extends HTMLElement and reads `document` as it loads. A server imports
 * `rtchat` or `rtchat/define` (per-file modules, lit's server-safe build) instead; the drop-in
 * loaders (`rtchat.js`, `rtchat.esm.js`) are checked, as a page's bundler may import them.
 */
const BROWSER_ONLY = ['./rtchat.full.js', './rtchat.full.esm.js'];

/** The exports map's JavaScript entries, imported by name as a user would (`rtchat/define`). */
const entries = Object.entries(pkg.exports)
  .filter(([key]) => !BROWSER_ONLY.includes(key))
  .filter(([, target]) => (typeof target === 'string' ? target.endsWith('.js') : typeof target.default === 'string'))
  .map(([key]) => (key === '.' ? pkg.name : `${pkg.name}/${key.slice(2)}`));
const defines = readdirSync(`${root}/dist/lib/elements`, { withFileTypes: true })
  .filter((d) => d.isDirectory() && readdirSync(`${root}/dist/lib/elements/${d.name}`).includes('define.js'))
  .map((d) => `${root}/dist/lib/elements/${d.name}/define.js`);

/**
 * Imports `specifier` in a fresh Node process: no window, document, navigator, storage or
 * WebRTC, as on a server. Touching any of them at import time throws there (a guarded
 * `typeof window` does not), so "imports without an error" is the check.
 */
function importInNode(specifier) {
  const script = `
    try {
      await import(${JSON.stringify(specifier)});
      console.log(JSON.stringify({ ok: true, window: typeof window, customElements: typeof customElements }));
    } catch (e) {
      console.log(JSON.stringify({ error: String((e && e.stack) || e) }));
    }`;
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: root, encoding: 'utf8', timeout: 30_000 });
  const last = run.stdout.trim().split('\n').at(-1) ?? '';
  try {
    return JSON.parse(last);
  } catch {
    return { error: `no result (exit ${run.status}): ${run.stderr.slice(0, 2000)}` };
  }
}

describe('server-side import', () => {
  it('lists the entries it checks', () => {
    assert.ok(entries.includes('rtchat') && entries.includes('rtchat/define') && entries.includes('rtchat/rtchat.esm.js'), entries.join(', '));
    // Every browser-only entry is still in the exports map (else this list hides nothing and goes).
    for (const key of BROWSER_ONLY) assert.ok(key in pkg.exports, key);
    assert.ok(defines.length >= 5, defines.join(', '));
  });
  for (const specifier of [...entries, ...defines]) {
    it(`imports ${specifier.replace(root, '')} on a server without an error`, () => {
      const result = importInNode(specifier);
      assert.equal(result.error, undefined, result.error);
      // Nothing made up a browser on the way: the page's globals are still absent.
      assert.equal(result.window, 'undefined');
    });
  }
});
