import { readFile } from 'node:fs/promises';
import type * as esbuild from 'esbuild';

/**
 * libphonenumber-js ships its `ParseError` (`class ParseError extends Error`) compiled by Babel for old browsers: the
 * class comes with Babel's helpers for subclassing a native constructor, about 2.9 KB of the content script — which
 * is injected into every page the receptionist grants and has a 30 KB budget (issue #18). This plugin gives the
 * library the same class written natively for the browsers we build for: same name, same message, same `instanceof`
 * for every module of the library (they all import this one file). Checked: a library whose file no longer declares
 * the class fails the build, to be looked at again.
 */
export const nativeParseError: esbuild.Plugin = {
  name: 'native-parse-error',
  setup(build) {
    build.onLoad({ filter: /libphonenumber-js[\\/]es6[\\/]ParseError\.js$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      if (!source.includes('var ParseError =') || !source.includes('export { ParseError as default }'))
        throw new Error(`native-parse-error: ${args.path} no longer declares ParseError as expected`);
      const contents =
        'export default class ParseError extends Error {\n' +
        '  constructor(code) {\n' +
        '    super(code);\n' +
        "    this.name = 'ParseError';\n" +
        '  }\n' +
        '}\n';
      return { contents, loader: 'js' };
    });
  },
};
