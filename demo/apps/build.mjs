// Builds the React, Vue and Svelte demo apps with Vite, each as its framework's users build:
// `rtchat` is the package (its exports map: dist/lib and frameworks/), found through
// demo/apps/node_modules/rtchat, a link to the repository root as `npm install ../rtchat`
// makes. Needs `npm run build` first. Output: demo/apps/<app>/dist/index.html.
// Usage: node demo/apps/build.mjs [react,vue,svelte]
import { existsSync, lstatSync, mkdirSync, symlinkSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import react from '@vitejs/plugin-react';
import vue from '@vitejs/plugin-vue';
import { svelte } from '@sveltejs/vite-plugin-svelte';

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '../..');
if (!existsSync(join(repo, 'dist/lib/index.js'))) {
  console.error('demo apps: dist/lib is missing; run `npm run build` first');
  process.exit(1);
}
const link = join(here, 'node_modules/rtchat');
mkdirSync(dirname(link), { recursive: true });
if (!existsSync(link) && !lstatSync(link, { throwIfNoEntry: false })) symlinkSync(relative(dirname(link), repo), link, 'dir');

const plugins = {
  react: () => [react()],
  vue: () => [vue({ template: { compilerOptions: { isCustomElement: (tag) => tag.startsWith('rt-') } } })],
  svelte: () => [svelte()],
};
const apps = (process.argv[2] ?? 'react,vue,svelte').split(',');
for (const app of apps) {
  const started = Date.now();
  await build({
    root: join(here, app),
    base: './',
    configFile: false,
    logLevel: 'warn',
    plugins: plugins[app](),
    // Resolve `rtchat` through the link, as a package (not its real path inside this repo).
    resolve: { preserveSymlinks: true },
    build: { outDir: 'dist', emptyOutDir: true, reportCompressedSize: false, chunkSizeWarningLimit: 1500 },
  });
  console.log(`demo apps: ${app} built in ${((Date.now() - started) / 1000).toFixed(1)} s → demo/apps/${app}/dist`);
}
