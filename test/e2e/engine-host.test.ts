import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import type { CallRecord } from '../../src/shared/model/call-record.ts';
import { callAndAnswer, logIn, sendToBackground, waitForText } from '../support/console-page.ts';
import { CHROMIUM_BASE_ARGS, CHROMIUM_MEDIA_ARGS, CHROMIUM_PATH } from '../support/chromium.ts';
import { launchExtension, usePhoneLab, type ExtensionSession } from '../support/phone-lab.ts';

const POLL = { polling: 100, timeout: 15_000 } as const;

/**
 * The engine's page gone under calls (#16): Chrome's offscreen document closed, or crashed with the whole extension.
 * The console comes back registered by itself, says what became of the calls, writes each once to the history, and
 * hangs up the far ends that would otherwise hear silence.
 */
describe("the phone engine's page gone", () => {
  const env = usePhoneLab();

  it('closed mid-call: registered again by itself, the call cut off once in the history, the far end hung up', async () => {
    env.session.expectError(/the phone engine/);
    const alice = await env.lab.openPeer(env.session, 'alice');
    const bob = await env.lab.openPeer(env.session, 'bob');
    const panel = await env.lab.openLoggedInConsole(env.session);
    await callAndAnswer(panel, alice, 'alice');
    await panel.waitForSelector('[data-call-status="Active"]');

    await env.session.closeEngineHost();

    await waitForText(panel, '[data-testid="engine-interrupted"]', /the call in progress was cut off/, 20_000);
    await panel.waitForSelector('[data-testid="call"]', { hidden: true });
    await panel.waitForSelector('.registration--Registered', { timeout: 20_000 });
    // The far end heard silence until the new engine sent its BYE.
    await alice.waitForFunction(() => window.peer.sessionState() === 'Terminated', POLL);
    expect(await historyOf(panel)).toEqual([
      expect.objectContaining({ remoteNumber: 'alice', direction: 'outgoing', outcome: 'interrupted' }),
    ]);
    await env.session.screenshot(panel, 'engine-interrupted-en');

    // Read and dismissed; the line works: a call in rings and is answered.
    await panel.click('[data-testid="dismiss-interruption"]');
    await panel.waitForSelector('[data-testid="engine-interrupted"]', { hidden: true });
    await bob.evaluate(() => void window.peer.call('sip:reception@lab.switchboard'));
    await panel.waitForSelector('[data-call-status="Alerting"]');
    await panel.click('[data-action="answer"]');
    await bob.waitForFunction(() => window.peer.sessionState() === 'Established', POLL);
    await bob.evaluate(() => window.peer.hangUp());
    await panel.waitForSelector('[data-testid="call"]', { hidden: true });
    expect((await historyOf(panel)).map((row) => `${row.remoteNumber} ${row.outcome}`)).toEqual([
      'bob answered',
      'alice interrupted',
    ]);
  });

  it('closed by the browser while a caller rang: the caller is a missed call, said in the console', async () => {
    env.session.expectError(/the phone engine/);
    const bob = await env.lab.openPeer(env.session, 'bob');
    const panel = await env.lab.openLoggedInConsole(env.session);
    await bob.evaluate(() => void window.peer.call('sip:reception@lab.switchboard'));
    await panel.waitForSelector('[data-call-status="Alerting"]');

    const worker = env.session.serviceWorker();
    await worker.evaluate(() => chrome.offscreen.closeDocument());

    await waitForText(panel, '[data-testid="engine-interrupted"]', /the call in progress was cut off/, 20_000);
    await panel.waitForSelector('.registration--Registered', { timeout: 20_000 });
    expect(await historyOf(panel)).toEqual([
      expect.objectContaining({ remoteNumber: 'bob', direction: 'incoming', outcome: 'missed' }),
    ]);
    await bob.evaluate(() => window.peer.hangUp());
  });

  it('closed while the service worker slept: the watch alarm brings the line back with no page open', async () => {
    env.session.expectError(/the phone engine/);
    const panel = await env.lab.openLoggedInConsole(env.session);
    await panel.close();
    const registers = env.lab.kamailio.requestCount('REGISTER');
    await env.session.stopServiceWorker();
    await env.session.closeEngineHost();

    // Nothing of ours is open and nothing calls: only the alarm (every 30 s while logged in) wakes the worker.
    await env.session.waitForLog(/the phone engine was gone; starting it again/, 45_000);
    const again = await env.session.openPage('sidepanel.html');
    await again.waitForSelector('.registration--Registered', { timeout: 20_000 });
    expect(env.lab.kamailio.requestCount('REGISTER')).toBeGreaterThan(registers);
    // No call was in progress: nothing to say, nothing in the history.
    expect(await again.$('[data-testid="engine-interrupted"]')).toBeNull();
    expect(await historyOf(again)).toEqual([]);
  });
});

/**
 * A crash of the engine's renderer takes the whole extension with it, and Chrome keeps it stopped until the browser
 * starts again (or the extension is reloaded): the journal outlives it. The far end runs in another browser.
 */
describe("the phone engine's page crashed with the extension", () => {
  const env = usePhoneLab();
  let profileDir = '';
  let restarted: ExtensionSession | null = null;
  let farBrowser: Browser | null = null;

  afterEach(async () => {
    try {
      restarted?.assertNoErrors();
    } finally {
      await restarted?.close();
      await farBrowser?.close();
      if (profileDir !== '') await rm(profileDir, { recursive: true, force: true });
      restarted = null;
      farBrowser = null;
    }
  });

  it('mid-call: at the next start the call is in the history once, cut off, said in the console, its far end hung up', async () => {
    farBrowser = await puppeteer.launch({
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: [...CHROMIUM_BASE_ARGS, ...CHROMIUM_MEDIA_ARGS],
    });
    const alice = await env.lab.openPeer({ browser: farBrowser }, 'alice');
    profileDir = await mkdtemp(join(tmpdir(), 'switchboard-crash-'));
    const first = await launchExtension({ profileDir });
    try {
      const panel = await first.openPage('sidepanel.html');
      await panel.waitForSelector('[data-testid="login"]');
      await logIn(panel, { ...env.lab.account('reception'), rememberMe: true });
      await panel.waitForSelector('.registration--Registered');
      await callAndAnswer(panel, alice, 'alice');
      await panel.waitForSelector('[data-call-status="Active"]');
      await first.crashEngineHost();
      expect(await first.openPage('sidepanel.html').catch((error: unknown) => String(error))).toMatch(
        /ERR_BLOCKED_BY_CLIENT/,
      );
    } finally {
      await first.close();
    }
    // The far end is still in the call, hearing nothing.
    expect(await alice.evaluate(() => window.peer.sessionState())).toBe('Established');

    restarted = await launchExtension({ profileDir });
    restarted.expectError(/the phone engine/);
    const panel = await restarted.openPage('sidepanel.html');
    await waitForText(panel, '[data-testid="engine-interrupted"]', /the call in progress was cut off/, 20_000);
    await panel.waitForSelector('.registration--Registered', { timeout: 20_000 });
    await alice.waitForFunction(() => window.peer.sessionState() === 'Terminated', POLL);
    expect(await historyOf(panel)).toEqual([
      expect.objectContaining({ remoteNumber: 'alice', direction: 'outgoing', outcome: 'interrupted' }),
    ]);
  });
});

async function historyOf(page: Page): Promise<CallRecord[]> {
  const answer = (await sendToBackground(page, 'history/list', { filter: 'all', search: '', limit: 50 })) as {
    value: CallRecord[];
  };
  return answer.value;
}
