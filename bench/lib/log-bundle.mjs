// The two scripts of a message-log page: the element (<rt-message-log> of a source tree,
// minified, lit in production mode) and the stand-in client of bench/pages/log-fixture.ts.
// Another tree (e.g. a checkout of main) gives the "before" element with the same fixture.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

async function bundle(entry, root) {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    minify: true,
    format: 'iife',
    target: 'es2022',
    write: false,
    conditions: ['browser', 'production'],
    tsconfig: join(root, 'tsconfig.json'),
    absWorkingDir: root,
    // A tree without node_modules (an extracted ref) takes this checkout's packages.
    nodePaths: [join(repoRoot, 'node_modules')],
    logLevel: 'silent',
  });
  return result.outputFiles[0].text;
}

/** `{ element, fixture }` scripts; `root` is the source tree whose element is bundled. */
export async function logScripts(root = repoRoot) {
  const entry = join(root, 'src/elements/message-log/define.ts');
  if (!existsSync(entry)) throw new Error(`${entry} does not exist`);
  return { element: await bundle(entry, root), fixture: await bundle(join(repoRoot, 'bench/pages/log-fixture.ts'), repoRoot) };
}

/** A page with the two scripts (inline) and one log filling the viewport's `height`. */
export const logPage = ({ element, fixture }, { lang = 'en', height = '100vh', style = '' } = {}) => `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><title>message log</title><link rel="icon" href="data:,">
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>html,body{margin:0;background:Canvas;color-scheme:light dark} rt-message-log{height:${height}} ${style}</style>
<script>${fixture.replaceAll('</script', '<\\/script')}</script>
<script>${element.replaceAll('</script', '<\\/script')}</script>
</head><body><rt-message-log></rt-message-log></body></html>`;
