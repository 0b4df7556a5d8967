import { basename } from 'node:path';
import type * as esbuild from 'esbuild';

/**
 * The content script validates numbers and never formats one (it links what the page wrote and dials E.164), yet
 * libphonenumber-js's `PhoneNumber` class imports the whole formatter for its `format…` methods: ~0.7 KB gzipped of the
 * script's 30 KB budget (issue #18), loaded into every page the receptionist grants. In the content script's build
 * only, that import gets a formatter that throws, so a call to it would be loud. Checked: `PhoneNumber.js` must be
 * the formatter's only importer there; another one fails the build, to be looked at again.
 */
export const phoneFormattingLeftOut: esbuild.Plugin = {
  name: 'phone-formatting-left-out',
  setup(build) {
    build.onResolve({ filter: /^\.\/format\.js$/ }, (args) => {
      if (!/libphonenumber-js[\\/]es6[\\/][^\\/]+$/.test(args.importer)) return undefined;
      if (basename(args.importer) !== 'PhoneNumber.js')
        return { errors: [{ text: `phone-formatting-left-out: ${args.importer} imports the formatter` }] };
      return { path: 'format.js', namespace: 'phone-formatting-left-out' };
    });
    build.onLoad({ filter: /.*/, namespace: 'phone-formatting-left-out' }, () => ({
      contents:
        'export default function formatNumber() {\n' +
        "  throw new Error('Phone numbers are not formatted in the content script');\n" +
        '}\n',
      loader: 'js',
    }));
  },
};
