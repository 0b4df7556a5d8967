import { readFile } from 'node:fs/promises';
import type * as esbuild from 'esbuild';

/**
 * sip.js 0.21.2's generated SIP grammar (pegjs, `lib/grammar/pegjs/dist/grammar.js`) decodes its whole parser
 * bytecode — over 300 tables — again on every `peg$parse` call, and sip.js parses each header of each message that
 * way: about 1.8 ms of every NOTIFY went there (busy-lamp bench, issue #14), the largest cost of a lamp. The decoded
 * tables are pure data (`peg$decode` maps a string to char codes), so this plugin keeps them once per page: the first
 * call decodes, later calls reuse. The text it rewrites is checked: a sip.js that changed it fails the build, to be
 * looked at again, rather than silently not cached.
 */
export const sipGrammarCache: esbuild.Plugin = {
  name: 'sip-grammar-cache',
  setup(build) {
    build.onLoad({ filter: /sip\.js[\\/]lib[\\/]grammar[\\/]pegjs[\\/]dist[\\/]grammar\.js$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      const start = source.indexOf('const peg$bytecode = [');
      const end = start < 0 ? -1 : source.indexOf('\n    ];\n', start);
      if (start < 0 || end < 0)
        throw new Error(`sip-grammar-cache: ${args.path} no longer has the expected bytecode table`);
      const contents =
        'let peg$decodedBytecode;\n' +
        source.slice(0, start) +
        'const peg$bytecode = peg$decodedBytecode ?? (peg$decodedBytecode = [' +
        source.slice(start + 'const peg$bytecode = ['.length, end) +
        '\n    ]);\n' +
        source.slice(end + '\n    ];\n'.length);
      return { contents, loader: 'js' };
    });
  },
};
