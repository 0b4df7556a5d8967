/**
 * The Firefox build in Debian's firefox-esr, driven over WebDriver BiDi as the Chromium tests drive Chrome (issue #17).
 * BiDi refuses to navigate to `moz-extension://` pages, but it may script one the extension opened itself: the
 * welcome tab it opens on install. The extension's internal UUID is fixed (`extensions.webextensions.uuids`), and that
 * tab walks to the console page (an extension page may open its own pages). Fake media devices stand in for a
 * microphone, without a permission prompt. The extension's consoles print to Firefox's stdout, kept for the test.
 */
import { existsSync } from 'node:fs';
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';

export const FIREFOX_PATH = process.env['FIREFOX_PATH'] ?? '/usr/bin/firefox-esr';
const FIREFOX_BUILD = fileURLToPath(new URL('../../dist/firefox', import.meta.url));
export const FIREFOX_ADDON_ID = 'switchboard@switchboard.example';
const ADDON_UUID = '5b0a4d1e-7c3f-4e2a-9d61-2f8e6b1c0a57';

export interface FirefoxSession {
  readonly browser: Browser;
  /** What Firefox printed: the extension's consoles among it. */
  output(): string;
  /** An extension page (`sidepanel.html`, `popup.html`…) in a tab of its own. */
  openPage(path: string): Promise<Page>;
  close(): Promise<void>;
}

/**
 * Firefox with the extension installed. `grantedSites`: web pages the extension may read from the start (a copy of
 * the build that asks for them at install, as a receptionist's yes to the site's prompt would give).
 */
export async function launchFirefox({
  grantedSites = [],
}: { grantedSites?: readonly string[] } = {}): Promise<FirefoxSession> {
  if (!existsSync(FIREFOX_PATH))
    throw new Error(`firefox-esr is needed at ${FIREFOX_PATH} (apt-get install firefox-esr)`);
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX_PATH,
    headless: true,
    extraPrefsFirefox: {
      'devtools.console.stdout.chrome': true,
      'devtools.console.stdout.content': true,
      'extensions.webextensions.uuids': JSON.stringify({ [FIREFOX_ADDON_ID]: ADDON_UUID }),
      'media.navigator.streams.fake': true,
      'media.navigator.permission.disabled': true,
      // WebRTC to loopback: no interface but lo in the tests' network namespace.
      'media.peerconnection.ice.loopback': true,
      // Real addresses in ICE candidates, not mDNS names the far end cannot resolve.
      'media.peerconnection.ice.obfuscate_host_addresses': false,
      'media.autoplay.default': 0,
    },
  });
  let output = '';
  browser.process()?.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  browser.process()?.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const id = await browser.installExtension(
    grantedSites.length === 0 ? FIREFOX_BUILD : await buildGranting(grantedSites),
  );
  if (id !== FIREFOX_ADDON_ID) throw new Error(`installed as ${id}`);
  const origin = `moz-extension://${ADDON_UUID}`;

  /** A tab showing `url`, found by what it says its address is (BiDi reports extension pages as about:blank). */
  const pageAt = async (url: string): Promise<Page> => {
    const deadline = Date.now() + 15_000;
    for (;;) {
      for (const page of await browser.pages()) {
        const href = await page.evaluate(() => location.href).catch(() => '');
        if (href.startsWith(url)) return page;
      }
      if (Date.now() > deadline) throw new Error(`no tab shows ${url}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };
  // The tab the extension opened on install: its welcome page.
  let spare: Page | null = await pageAt(`${origin}/welcome.html`);

  return {
    browser,
    output: () => output,
    async openPage(path) {
      // The welcome tab walks to the first page asked for; later ones open from an extension page, as a user's click.
      let page: Page;
      if (spare !== null) {
        page = spare;
        spare = null;
      } else {
        // An extension page asks the browser for a tab of its own page, as the extension's own links do.
        const opener = (await browser.pages()).at(-1);
        if (opener === undefined) throw new Error('no page open');
        await opener.evaluate(
          (url) =>
            (
              globalThis as unknown as { browser: { tabs: { create(options: object): Promise<unknown> } } }
            ).browser.tabs.create({ url }),
          `${origin}/${path}`,
        );
        page = await pageAt(`${origin}/${path}`);
      }
      await page.evaluate((url) => {
        if (location.href !== url) location.href = url;
      }, `${origin}/${path}`);
      const deadline = Date.now() + 10_000;
      while (
        (await page.evaluate(() => `${location.href} ${document.readyState}`).catch(() => '')) !==
        `${origin}/${path} complete`
      ) {
        if (Date.now() > deadline) throw new Error(`${path} did not load`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      await page.setViewport({ width: 420, height: 900 }).catch(() => undefined);
      return page;
    },
    close: () => browser.close(),
  };
}

/** A copy of the Firefox build whose manifest asks for `sites` at install. */
async function buildGranting(sites: readonly string[]): Promise<string> {
  const copy = await mkdtemp(join(tmpdir(), 'switchboard-firefox-granted-'));
  await cp(FIREFOX_BUILD, copy, { recursive: true });
  const manifest = JSON.parse(await readFile(join(copy, 'manifest.json'), 'utf8')) as { permissions?: string[] };
  manifest.permissions = [...(manifest.permissions ?? []), ...sites];
  await writeFile(join(copy, 'manifest.json'), JSON.stringify(manifest));
  return copy;
}
