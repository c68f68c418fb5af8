// Browser bundles for a plain <script> tag and for <script type="module">.
// npm users get per-file ES modules with .d.ts from `tsc` (dist/lib), not from here.
import resolve from '@rollup/plugin-node-resolve';
import typescript from '@rollup/plugin-typescript';
import terser from '@rollup/plugin-terser';
import { mqttBrowserRollup } from './tools/mqtt-browser.mjs';

const plugins = () => [
  // 'mqtt' from src/ is the part of mqtt.js a browser WebSocket client needs (tools/mqtt-browser.mjs).
  mqttBrowserRollup(),
  resolve({ browser: true, exportConditions: ['browser', 'production'] }),
  // include: otherwise the plugin also compiles the index.ts that @noble/ed25519 ships.
  // (tsconfig has no rootDir on purpose: with one, this plugin cannot resolve './x.js'.)
  typescript({
    tsconfig: './tsconfig.json',
    include: ['src/**/*.ts', 'types/**/*.d.ts'],
    declaration: false,
    declarationMap: false,
    outDir: 'dist',
  }),
  terser({ format: { comments: false } }),
];

const onwarn = (warning, warn) => {
  // mqtt.js's browser build uses `this` at top level; harmless.
  if (warning.code === 'THIS_IS_UNDEFINED') return;
  warn(warning);
};

export default [
  // The drop-in loader: paints the chat button, imports rtchat.full.esm.js later (src/rtchat.ts).
  {
    input: 'src/rtchat.ts',
    output: { file: 'dist/rtchat.js', format: 'iife', name: 'RTChat', sourcemap: true },
    plugins: plugins(),
    onwarn,
  },
  {
    input: 'src/rtchat.ts',
    output: { file: 'dist/rtchat.esm.js', format: 'es', sourcemap: true },
    plugins: plugins(),
    onwarn,
  },
  // The whole library in one file: what the loader imports, and for pages that want it all at once.
  {
    input: 'src/rtchat-full.ts',
    output: { file: 'dist/rtchat.full.js', format: 'iife', name: 'RTChat', sourcemap: true },
    plugins: plugins(),
    onwarn,
  },
  {
    input: 'src/rtchat-full.ts',
    output: { file: 'dist/rtchat.full.esm.js', format: 'es', sourcemap: true },
    plugins: plugins(),
    onwarn,
  },
];
