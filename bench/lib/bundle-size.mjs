// Figure 6: bundle size, minified (terser) and gzip -9, split by origin.
//
// One build per library, in memory, with the options of rollup.config.mjs (IIFE,
// node-resolve with the 'browser' condition, TypeScript, terser): the total is that
// bundle, byte for byte what `npm run build` writes to dist/rtchat.js. The split comes
// from the same build (one snapshot of src/, even while others edit it): rollup reports
// each module's rendered code; the modules of each group (our code, lit, @noble/ed25519,
// mqtt.js) are minified together with the same terser options and gzipped on their own.
// Gzip is not additive, so the parts sum to a little more than the total.
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import resolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import typescript from '@rollup/plugin-typescript';
import { rollup } from 'rollup';
import { minify } from 'terser';
import { MQTT_BROWSER_ID, mqttBrowserRollup } from '../../tools/mqtt-browser.mjs';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

const gzip9 = (code) => gzipSync(Buffer.from(code), { level: 9 }).length;

/** Which group a module id (a resolved path) belongs to. */
function groupOf(id, ownGroup) {
  // The slim mqtt.js of tools/mqtt-browser.mjs, which rollup.config.mjs puts in our bundles.
  if (id === MQTT_BROWSER_ID) return 'mqtt.js';
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(id.replaceAll('\\', '/'));
  if (!m) return ownGroup;
  const pkg = m[1];
  if (pkg === 'lit' || pkg === 'lit-html' || pkg === 'lit-element' || pkg.startsWith('@lit/') || pkg.startsWith('@lit-labs/')) return 'lit';
  if (pkg.startsWith('@noble/')) return '@noble/ed25519';
  if (pkg === 'mqtt') return 'mqtt.js';
  if (pkg.startsWith('@trystero-p2p/')) return 'Trystero';
  return `other (${pkg})`;
}

const TERSER = { format: { comments: false } };

/**
 * Builds `input` once; returns total and per-group sizes.
 * `typeWarnings` counts TypeScript diagnostics the build printed (the bundle is emitted anyway).
 */
async function measure({ input, extraPlugins, ownGroup, groups }) {
  let typeWarnings = 0;
  const bundle = await rollup({
    input,
    // mqttBrowserRollup() first, as in rollup.config.mjs; it only takes 'mqtt' imported from outside node_modules.
    plugins: [mqttBrowserRollup(), resolve({ browser: true, exportConditions: ['browser', 'production'] }), ...extraPlugins],
    onwarn(warning, warn) {
      // mqtt.js's browser build uses `this` at top level; harmless (as in rollup.config.mjs).
      if (warning.code === 'THIS_IS_UNDEFINED' || warning.code === 'CIRCULAR_DEPENDENCY') return;
      if (warning.plugin === 'typescript') {
        typeWarnings++;
        return;
      }
      warn(warning);
    },
  });
  // Unminified first, to read each module's rendered code; the same bundle minified is the total.
  const {
    output: [plain],
  } = await bundle.generate({ format: 'iife', name: 'Bench' });
  const {
    output: [min],
  } = await bundle.generate({ format: 'iife', name: 'Bench', plugins: [terser(TERSER)] });
  await bundle.close();

  const byGroup = new Map(groups.map((g) => [g, []]));
  for (const [id, info] of Object.entries(plain.modules)) {
    if (!info.code) continue;
    const g = groupOf(id, ownGroup);
    if (!byGroup.has(g)) byGroup.set(g, []);
    byGroup.get(g).push(info.code);
  }
  const parts = {};
  for (const [g, codes] of byGroup) {
    if (codes.length === 0) {
      parts[g] = { modules: 0, minified: 0, gzip: 0 };
      continue;
    }
    // toplevel mangling: inside the IIFE these names are local too.
    const { code } = await minify(codes.join('\n'), { ...TERSER, mangle: { toplevel: true } });
    parts[g] = { modules: codes.length, minified: Buffer.byteLength(code), gzip: gzip9(code) };
  }
  return { total: { minified: Buffer.byteLength(min.code), gzip: gzip9(min.code) }, parts, typeWarnings };
}

/** A one-module entry, so rollup bundles Trystero's package the way our entry bundles ours. */
const virtualEntry = (code) => ({
  name: 'virtual-entry',
  resolveId: (id) => (id === '\0bench-entry' ? id : null),
  load: (id) => (id === '\0bench-entry' ? code : null),
});

/** The TypeScript plugin as rollup.config.mjs sets it up (include: else it compiles the .ts that @noble/ed25519 ships). */
const typescriptPlugin = () =>
  typescript({
    tsconfig: './tsconfig.json',
    include: ['src/**/*.ts', 'types/**/*.d.ts'],
    declaration: false,
    declarationMap: false,
    sourceMap: false,
    outDir: 'dist',
    noEmitOnError: false,
  });

/**
 * One minified IIFE, built like dist/rtchat.js, for pages that load a bundle: of a file
 * (path from the repository root) or, with `code`, of that module source. Run from the repository root.
 */
export async function bundleCode(input, { code, format = 'iife' } = {}) {
  const bundle = await rollup({
    input: code === undefined ? `${repoRoot}/${input}` : '\0bench-entry',
    // A file of ours gets the slim mqtt.js as in rollup.config.mjs; a `code` entry (a baseline) the package's own browser build.
    plugins: [
      ...(code === undefined ? [mqttBrowserRollup()] : []),
      resolve({ browser: true, exportConditions: ['browser', 'production'] }),
      code === undefined ? typescriptPlugin() : virtualEntry(code),
    ],
    onwarn(warning, warn) {
      if (warning.code === 'THIS_IS_UNDEFINED' || warning.code === 'CIRCULAR_DEPENDENCY' || warning.plugin === 'typescript') return;
      warn(warning);
    },
  });
  const {
    output: [chunk],
  } = await bundle.generate({ format, name: 'Bench', plugins: [terser(TERSER)] });
  await bundle.close();
  return chunk.code;
}

const version = (pkg) => JSON.parse(readFileSync(`${repoRoot}/node_modules/${pkg}/package.json`, 'utf8')).version;

/** Minified and gzip -9 bytes of one module source bundled alone (a `code` entry, or a file with `input`). */
async function sizeOf(input, code) {
  const min = await bundleCode(input, { code, format: 'es' });
  return { minified: Buffer.byteLength(min), gzip: gzip9(min) };
}

/**
 * Sizes of our bundles and of Trystero's MQTT strategy, in bytes: the whole library
 * (src/rtchat-full.ts = dist/rtchat.full.js, split into parts), the drop-in's first script
 * (src/rtchat.ts = dist/rtchat.js, the loader) and, for the choice of mqtt.js build, the
 * options measured alone: the package's own browser build (`import mqtt from 'mqtt'`, what
 * rtchat carried before) and the modules a browser WebSocket client needs
 * (tools/mqtt-browser.mjs, what it carries now).
 * Run from the repository root (the TypeScript plugin resolves paths from the cwd).
 */
export async function bundleSizes() {
  const ours = await measure({
    input: `${repoRoot}/src/rtchat-full.ts`,
    extraPlugins: [typescriptPlugin()],
    ownGroup: 'rtchat (our code)',
    groups: ['rtchat (our code)', 'lit', '@noble/ed25519', 'mqtt.js'],
  });
  const loader = await measure({
    input: `${repoRoot}/src/rtchat.ts`,
    extraPlugins: [typescriptPlugin()],
    ownGroup: 'rtchat (our code)',
    groups: ['rtchat (our code)'],
  });
  const trystero = await measure({
    input: '\0bench-entry',
    extraPlugins: [virtualEntry("export * from '@trystero-p2p/mqtt';")],
    ownGroup: 'Trystero',
    groups: ['Trystero', 'mqtt.js'],
  });
  const mqttOptions = {
    'browser build (dist/mqtt.esm.js)': await sizeOf(null, "export { default } from 'mqtt';"),
    'client + WebSocket builder, browser polyfills (tools/mqtt-browser.mjs)': await sizeOf('tools/mqtt-browser-entry.mjs'),
  };
  return {
    ours,
    loader,
    trystero,
    mqttOptions,
    versions: { trystero: version('@trystero-p2p/mqtt'), mqtt: version('mqtt'), lit: version('lit'), noble: version('@noble/ed25519') },
  };
}
