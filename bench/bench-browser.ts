/**
 * What the in-page benchmarks share: one of their `…-page.ts` modules bundled for Chromium as a script, and Debian's
 * Chromium launched headless with the tests' flags.
 */
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import puppeteer, { type Browser } from 'puppeteer-core';
import { CHROMIUM_BASE_ARGS, CHROMIUM_PATH } from '../test/support/chromium.ts';

/** The page module at `url` (beside this file) bundled as one script, production-built. */
export async function benchPageScript(url: URL): Promise<string> {
  const bundle = await esbuild.build({
    entryPoints: [fileURLToPath(url)],
    bundle: true,
    write: false,
    format: 'iife',
    target: 'chrome120',
    define: { 'process.env.NODE_ENV': '"production"' },
  });
  return bundle.outputFiles[0]?.text ?? '';
}

/** `extraArgs`: Chromium's flags for one bench (`--js-flags=--expose-gc` for a page that collects between phases). */
export function launchBenchBrowser(extraArgs: readonly string[] = []): Promise<Browser> {
  return puppeteer.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [...CHROMIUM_BASE_ARGS, ...extraArgs],
  });
}
