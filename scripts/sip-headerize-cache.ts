import { readFile } from 'node:fs/promises';
import type * as esbuild from 'esbuild';

/** Header names remembered: every name a PBX sends is a handful; a hostile peer's endless new ones are not kept. */
const NAMES_REMEMBERED = 512;

/**
 * sip.js 0.21.2 writes a header's name in its canonical case (`headerize`: `call-id` → `Call-ID`) each time a header
 * is set, read or looked for, by lower-casing, splitting and joining it again with a table of exceptions built on every
 * call: 40 ms of a burst of 200 NOTIFYs on the busy lamps' bench (issue #14), once the grammar's parses were
 * remembered. The result depends on the name alone, so this plugin remembers it for the names seen. The text it
 * rewrites is checked: a sip.js that changed it fails the build, to be looked at again, rather than silently not
 * remembered.
 */
export const sipHeaderizeCache: esbuild.Plugin = {
  name: 'sip-headerize-cache',
  setup(build) {
    build.onLoad({ filter: /sip\.js[\\/]lib[\\/]core[\\/]messages[\\/]utils\.js$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      const declaration = 'export function headerize(str) {';
      if (source.split(declaration).length !== 2)
        throw new Error(`sip-headerize-cache: ${args.path} no longer declares headerize(str) once`);
      const contents =
        source.replace(declaration, 'function headerizeOnce(str) {') +
        `
const headerized = new Map();
export function headerize(str) {
  let name = headerized.get(str);
  if (name === undefined) {
    name = headerizeOnce(str);
    if (headerized.size < ${NAMES_REMEMBERED}) headerized.set(str, name);
  }
  return name;
}
`;
      return { contents, loader: 'js' };
    });
  },
};
