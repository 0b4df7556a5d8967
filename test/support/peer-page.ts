/**
 * Serves the sip.js far-end page on loopback (http://127.0.0.1 is a secure context, so it may use the microphone)
 * and opens it in the test's browser.
 */
import { createServer, type Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import type { Browser, Page } from 'puppeteer-core';
import { sipGrammarCache } from '../../scripts/sip-grammar-cache.ts';
import { sipHeaderizeCache } from '../../scripts/sip-headerize-cache.ts';

const bundles = new Map<boolean, Promise<string>>();

/**
 * The far end's script: sip.js as published, or (`withOurSipJsPatches`, for a benchmark's floor) with the two build
 * patches the extension's own sip.js has (`scripts/sip-grammar-cache.ts`, `scripts/sip-headerize-cache.ts`).
 */
function peerBundle(withOurSipJsPatches: boolean): Promise<string> {
  let bundle = bundles.get(withOurSipJsPatches);
  if (bundle === undefined) {
    bundle = esbuild
      .build({
        entryPoints: [fileURLToPath(new URL('./peer/peer-page.ts', import.meta.url))],
        bundle: true,
        write: false,
        format: 'iife',
        target: 'chrome116',
        plugins: withOurSipJsPatches ? [sipGrammarCache, sipHeaderizeCache] : [],
      })
      .then((result) => result.outputFiles[0]?.text ?? '');
    bundles.set(withOurSipJsPatches, bundle);
  }
  return bundle;
}

export class PeerServer {
  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start({ withOurSipJsPatches = false } = {}): Promise<PeerServer> {
    const script = await peerBundle(withOurSipJsPatches);
    const server = createServer((request, response) => {
      if (request.url === '/peer.js') {
        response.writeHead(200, { 'content-type': 'text/javascript' });
        response.end(script);
        return;
      }
      response.writeHead(200, { 'content-type': 'text/html' });
      response.end('<!doctype html><meta charset="utf-8"><title>peer</title><script src="/peer.js"></script>');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    if (typeof address !== 'object' || address === null) throw new Error('no address');
    return new PeerServer(server, `http://127.0.0.1:${address.port}/`);
  }

  /** Opens a far-end page in `browser` and registers it as `aor`. */
  async openPeer(browser: Browser, server: string, aor: string, password: string): Promise<Page> {
    const page = await browser.newPage();
    await page.goto(this.url);
    await page.evaluate((ws, user, secret) => window.peer.register(ws, user, secret), server, aor, password);
    return page;
  }

  async close(): Promise<void> {
    await new Promise((resolve) => this.server.close(resolve));
  }
}
