/** Served by tools/vendor-plugin.mjs to the demos: React and Vue as ES modules. */
declare module 'virtual:react' {
  import type * as ReactNS from 'react';
  import type * as ReactDOMClientNS from 'react-dom/client';
  export const React: typeof ReactNS;
  export const ReactDOMClient: typeof ReactDOMClientNS;
}
declare module 'virtual:vue' {
  export * from 'vue';
}
