/**
 * `npm start`: a working console with nothing else installed. Builds the extension, starts the lab PBX with its
 * simulated office, and opens Chromium (or Chrome; `CHROME_PATH` overrides) with the extension loaded, the console
 * in a tab, the microphone allowed and the account logged in to the lab. Without a display or a browser it prints
 * how to load the extension by hand and what to type. Ctrl-C stops everything it started.
 *
 * `--headless` runs the browser without a window (the test of this command uses it), with Chromium's fake audio
 * devices unless `--real-audio` asks for the machine's own. Either way it says when the browser finds no microphone.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer, { TargetType, type Browser } from 'puppeteer-core';
import { createLabLogger } from '../lab/src/log.ts';
import { startLab } from '../lab/src/start-lab.ts';
import { DEFAULT_SERVICES } from '../src/shared/model/services.ts';
import { CHROMIUM_BASE_ARGS } from '../test/support/chromium.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const isHeadless = process.argv.includes('--headless');
const usesFakeAudio = isHeadless && !process.argv.includes('--real-audio');
const say = (text: string) => process.stdout.write(`${text}\n`);

execFileSync(process.execPath, ['--import', 'tsx', 'scripts/build.ts'], { cwd: root, stdio: 'inherit' });
const lab = await startLab({ port: Number(process.env['LAB_PORT'] ?? 5090), log: createLabLogger(true) });
const { reception, domain } = lab.office;
say(
  `Lab PBX on ${lab.webSocketUrl} — an office of ${lab.office.colleagues.length} colleagues (201–20${lab.office.colleagues.length}); callers ring the reception now and then.`,
);

const browserPath = [
  process.env['CHROME_PATH'],
  '/usr/bin/chromium',
  '/usr/bin/google-chrome',
  '/usr/bin/chromium-browser',
].find((path): path is string => path !== undefined && existsSync(path));
const hasDisplay = Boolean(process.env['DISPLAY'] ?? process.env['WAYLAND_DISPLAY']);
let browser: Browser | null = null;
let profileDir: string | null = null;

if (browserPath === undefined || (!hasDisplay && !isHeadless)) {
  say(`
No ${browserPath === undefined ? 'Chromium or Chrome' : 'display'} here, so load the extension yourself:
  Chrome / Chromium: chrome://extensions › Developer mode › Load unpacked › ${join(root, 'dist/chrome')}
  Firefox:           about:debugging#/runtime/this-firefox › Load Temporary Add-on › ${join(root, 'dist/firefox/manifest.json')}
Then log in from the console (toolbar button › Open console) with:
  WebSocket server  ${lab.webSocketUrl}
  SIP address       ${reception.user}@${domain}
  Password          ${reception.password}
and add the office's company directory in Settings › Directories (a file at an address):
  ${lab.directoryUrl}
The lab keeps running; Ctrl-C stops it.`);
} else {
  profileDir = await mkdtemp(join(tmpdir(), 'switchboard-start-'));
  const extension = join(root, 'dist/chrome');
  browser = await puppeteer.launch({
    executablePath: browserPath,
    headless: isHeadless,
    userDataDir: profileDir,
    defaultViewport: null,
    args: [
      ...CHROMIUM_BASE_ARGS,
      '--allow-loopback-in-peer-connection',
      `--disable-extensions-except=${extension}`,
      `--load-extension=${extension}`,
      ...(usesFakeAudio ? ['--use-fake-device-for-media-stream'] : []),
    ],
    ignoreDefaultArgs: ['--disable-extensions'],
    // Ctrl-C is ours to handle: close the browser, then stop the lab, then say so.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
  const worker = await browser.waitForTarget(
    (target) => target.type() === TargetType.SERVICE_WORKER && target.url().endsWith('/background.js'),
  );
  const origin = `chrome-extension://${new URL(worker.url()).host}`;
  // The profile is new: allow the microphone for the extension, as the welcome page would have asked, and close
  // that page (opened at install) so the console is the tab in front.
  await browser.defaultBrowserContext().overridePermissions(origin, ['microphone']);
  const welcome = await browser
    .waitForTarget((target) => target.url() === `${origin}/welcome.html`, { timeout: 10_000 })
    .catch(() => null);
  await (await welcome?.asPage())?.close();
  // The browser starts with one empty tab: the console goes there rather than beside it (issue #10.8).
  const console = (await browser.pages()).find((page) => page.url() === 'about:blank') ?? (await browser.newPage());
  await console.goto(`${origin}/sidepanel.html`);
  await console.waitForSelector('[data-testid="login"]');
  for (const [field, value] of [
    ['#account-serverUrl', lab.webSocketUrl],
    ['#account-sipAddress', `${reception.user}@${domain}`],
    ['#account-displayName', reception.displayName],
    // The lab is also the office's XSI server: services on the PBX, and the call centers' queues.
    ['#account-xsiUrl', lab.xsiUrl],
    ['#account-password', reception.password],
  ] as const) {
    await console.type(field, value);
  }
  await console.bringToFront();
  await console.click('[data-testid="login-submit"]');
  await console.waitForFunction(
    () => /Registered|Connecté/.test(document.querySelector('[data-testid="registration-status"]')?.textContent ?? ''),
    {
      polling: 100,
      timeout: 20_000,
    },
  );
  // The office's company directory, as an administrator would set it: the lab serves it as a vCard file.
  // (No named function inside: tsx would wrap it in a helper the page does not have.)
  await console.evaluate(async (url) => {
    await chrome.runtime.sendMessage({
      sb: 1,
      to: 'background',
      type: 'contacts/save-sources',
      payload: {
        sources: [{ id: 'company', kind: 'company', name: 'Lab office', type: 'url', url, username: '', password: '' }],
      },
    });
    await chrome.runtime.sendMessage({
      sb: 1,
      to: 'background',
      type: 'contacts/sync',
      payload: { directoryId: 'company' },
    });
  }, lab.directoryUrl);
  // The colleagues as favourites (their busy lamps light up), and the lab's park slots. (No named function inside
  // either.)
  await console.evaluate(
    async ({ services, queues }) => {
      const listed = await chrome.runtime.sendMessage<unknown, { value?: { contacts: { id: string }[] } }>({
        sb: 1,
        to: 'background',
        type: 'contacts/list',
        payload: { directoryId: 'company', offset: 0, limit: 50 },
      });
      for (const contact of listed.value?.contacts ?? []) {
        await chrome.runtime.sendMessage({
          sb: 1,
          to: 'background',
          type: 'contacts/set-favorite',
          payload: { id: contact.id, isFavorite: true },
        });
      }
      await chrome.runtime.sendMessage({
        sb: 1,
        to: 'background',
        type: 'settings/update-services',
        payload: services,
      });
      await chrome.runtime.sendMessage({
        sb: 1,
        to: 'background',
        type: 'queues/choose',
        payload: { watched: queues, listedCalls: 5 },
      });
    },
    {
      services: { ...DEFAULT_SERVICES, parkSlots: lab.office.parkSlots.join(', ') },
      queues: lab.office.callCenters.map((center) => ({ id: `${center.id}@${domain}`, name: center.name })),
    },
  );
  say(
    `The console is registered as ${reception.user}@${domain}, with the office's company directory, the colleagues as favourites (with their busy lamps) park slots ${lab.office.parkSlots.join(', ')}, and the call centers' queues (${lab.office.callCenters.map((center) => center.name).join(', ')}) with callers arriving. Call 201–205, or wait for a caller. Ctrl-C stops everything.`,
  );
  const hasMicrophone = await console.evaluate(async () =>
    (await navigator.mediaDevices.enumerateDevices()).some((device) => device.kind === 'audioinput'),
  );
  if (!hasMicrophone) {
    say(
      'No microphone found on this computer: calls ring and can be sent on, but answering or dialling needs one. Plug one in (the console then stops warning).',
    );
  }
}

let isStopping = false;
const stop = async () => {
  if (isStopping) return;
  isStopping = true;
  await browser?.close().catch(() => undefined);
  await lab.stop();
  if (profileDir !== null) await rm(profileDir, { recursive: true, force: true });
  say('Stopped.');
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
browser?.on('disconnected', () => void stop());
