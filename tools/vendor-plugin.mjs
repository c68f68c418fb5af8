// A dev-server plugin that serves React (CommonJS only) and Vue (bundler build with
// compile-time flags) to the demo pages as ES modules, bundled once by esbuild:
//   import { React, ReactDOMClient } from 'virtual:react';
//   import * as Vue from 'virtual:vue';
import { build } from 'esbuild';

const ENTRIES = {
  react: "import React from 'react'; import * as ReactDOMClient from 'react-dom/client'; export { React, ReactDOMClient };",
  vue: "export * from 'vue';",
};

export function vendorPlugin() {
  const cache = new Map();
  const bundle = (name) => {
    if (!cache.has(name)) {
      cache.set(
        name,
        build({
          stdin: { contents: ENTRIES[name], resolveDir: process.cwd(), loader: 'js' },
          bundle: true,
          format: 'esm',
          write: false,
          platform: 'browser',
          define: {
            'process.env.NODE_ENV': '"development"',
            __VUE_OPTIONS_API__: 'true',
            __VUE_PROD_DEVTOOLS__: 'false',
            __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
          },
        }).then((r) => r.outputFiles[0].text),
      );
    }
    return cache.get(name);
  };
  return {
    name: 'vendor',
    resolveImport({ source }) {
      const m = /^virtual:(react|vue)$/.exec(source);
      if (m) return `/__vendor/${m[1]}.js`;
    },
    async serve(context) {
      const m = /^\/__vendor\/(react|vue)\.js$/.exec(context.path);
      if (m) return { body: await bundle(m[1]), type: 'js' };
    },
  };
}
