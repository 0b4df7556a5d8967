import type * as esbuild from 'esbuild';

/**
 * `import browser from 'webextension-polyfill'` is an ES import of a CommonJS module, which esbuild turns into a copy
 * of the module's exports: a getter defined for each of its properties, after asking each for its descriptor. Where
 * the browser has its own promise-based `browser` (Firefox, and Chromium now), the polyfill exports that very object,
 * and asking it for a property's descriptor makes the browser build that API's bindings: every API the extension may
 * use (`windows`, `tabs`, `sidePanel`…) built before the page's first line runs. Measured in a blank page of the
 * extension (its 17 APIs, eight fresh pages): 1.6–14.2 ms, median ~7; in the side panel's profile, opened on a busy
 * day, 14–16 ms. Every page and every start of the service worker paid it. This plugin hands the importer the
 * module's exports as they are (a `require`, which esbuild does not copy), so an API's bindings are built when it is
 * first used.
 */
export const polyfillTakenWhole: esbuild.Plugin = {
  name: 'polyfill-taken-whole',
  setup(build) {
    build.onResolve({ filter: /^webextension-polyfill$/ }, (args) =>
      args.kind === 'import-statement'
        ? { path: 'webextension-polyfill', namespace: 'polyfill-taken-whole' }
        : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'polyfill-taken-whole' }, () => ({
      contents: "export default require('webextension-polyfill/dist/browser-polyfill.js');\n",
      resolveDir: build.initialOptions.absWorkingDir ?? process.cwd(),
      loader: 'js',
    }));
  },
};
