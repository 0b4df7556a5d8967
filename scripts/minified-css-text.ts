import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import * as esbuild from 'esbuild';

/**
 * `import style from './card.css?raw'`: the file's CSS as a string, as Vite reads it in the tests — minified here,
 * for the content script's budget (issue #18: 30 KB gzipped, injected into every page the receptionist grants). A
 * style for a shadow root cannot be the bundle's stylesheet: the page's document is not where it applies.
 */
export const minifiedCssText: esbuild.Plugin = {
  name: 'minified-css-text',
  setup(build) {
    build.onResolve({ filter: /\.css\?raw$/ }, (args) => ({
      path: resolve(args.resolveDir, args.path.slice(0, -'?raw'.length)),
      namespace: 'css-text',
    }));
    build.onLoad({ filter: /.*/, namespace: 'css-text' }, async (args) => {
      const css = await readFile(args.path, 'utf8');
      const { code } = await esbuild.transform(css, {
        loader: 'css',
        minify: true,
        target: build.initialOptions.target,
      });
      return { contents: code.trim(), loader: 'text', watchFiles: [args.path] };
    });
  },
};
