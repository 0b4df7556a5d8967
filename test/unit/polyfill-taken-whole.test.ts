import * as esbuild from 'esbuild';
import { fileURLToPath } from 'node:url';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { polyfillTakenWhole } from '../../scripts/polyfill-taken-whole.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Bundles `import browser from 'webextension-polyfill'` as the build does, with or without the plugin. */
async function bundle(plugins: esbuild.Plugin[]): Promise<string> {
  const result = await esbuild.build({
    absWorkingDir: root,
    stdin: { contents: "import browser from 'webextension-polyfill';\nglobalThis.taken = browser;", resolveDir: root },
    bundle: true,
    format: 'iife',
    write: false,
    logLevel: 'silent',
    plugins,
  });
  return result.outputFiles[0]?.text ?? '';
}

/** Runs a bundle where the browser has its own `browser`; counts the descriptors it asks that object for. */
function run(code: string): { taken: unknown; own: object; descriptorsAsked: number } {
  let descriptorsAsked = 0;
  const api = { runtime: { id: 'extension-id' }, tabs: {}, windows: {} };
  const own = new Proxy(api, {
    getOwnPropertyDescriptor(target, key) {
      descriptorsAsked++;
      return Reflect.getOwnPropertyDescriptor(target, key);
    },
  });
  const context: Record<string, unknown> = { chrome: api, browser: own };
  context['globalThis'] = context;
  runInNewContext(code, context);
  return { taken: context['taken'], own, descriptorsAsked };
}

describe('the polyfill taken whole', () => {
  it("hands the browser's own `browser` over as it is, asking none of its APIs for a descriptor", async () => {
    const { taken, own, descriptorsAsked } = run(await bundle([polyfillTakenWhole]));
    expect(taken).toBe(own);
    expect(descriptorsAsked).toBe(0);
  });

  it('is needed: without it, the bundler copies the exports, asking every API for its descriptor', async () => {
    const { descriptorsAsked } = run(await bundle([]));
    expect(descriptorsAsked).toBeGreaterThanOrEqual(3);
  });
});
