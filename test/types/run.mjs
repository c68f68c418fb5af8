// `npm run test:types`: our framework typings (frameworks/*.d.ts, from `npm run analyze`)
// compile in a React 19 TSX file, a Vue 3 SFC and a Svelte 5 component that use every
// element, and catch a misspelt attribute, a wrong handler and a wrong value. Needs the
// built declarations (`npm run build`): the typings import them as `rtchat` does.
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const bin = (name) => join(here, '../../node_modules/.bin', name);
let failed = 0;
const check = (name, ok, detail = '') => {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}${ok ? '' : `\n${detail}`}`);
  if (!ok) failed++;
};

// React and Vue mark their expected errors inline (@ts-expect-error, @vue-expect-error):
// the compilers fail when one of them is not an error any more.
for (const [name, cmd, config] of [
  ['React 19 TSX (tsc)', 'tsc', 'tsconfig.react.json'],
  ['Vue 3 SFC (vue-tsc, strictTemplates)', 'vue-tsc', 'tsconfig.vue.json'],
]) {
  const run = spawnSync(bin(cmd), ['-p', join(here, config)], { encoding: 'utf8' });
  check(name, run.status === 0, run.stdout + run.stderr);
}

// Svelte markup has no such comment: the errors svelte-check reports must be exactly the
// lines after each "expected error" comment.
const file = join(here, 'svelte/App.svelte');
const lines = readFileSync(file, 'utf8').split('\n');
const expected = lines.flatMap((line, i) => (line.includes('<!-- expected error') ? [i + 2] : []));
let out = '';
try {
  out = execFileSync(bin('svelte-check'), ['--workspace', join(here, 'svelte'), '--output', 'machine'], { encoding: 'utf8' });
} catch (e) {
  out = e.stdout ?? ''; // exits 1 when it found errors, as it must here
}
const errors = [...out.matchAll(/ ERROR "App\.svelte" (\d+):\d+ (.*)/g)].map((m) => ({ line: Number(m[1]), text: m[2] }));
const got = errors.map((e) => e.line);
check(
  `Svelte 5 component (svelte-check): errors on lines ${expected.join(', ')} only`,
  expected.length === 3 && JSON.stringify(got) === JSON.stringify(expected),
  `expected errors on lines ${expected.join(', ')}, got:\n${errors.map((e) => `  ${e.line}: ${e.text}`).join('\n') || out}`,
);

console.log(`${3 - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
