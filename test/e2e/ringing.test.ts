import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { launchExtension, PhoneLab, type ExtensionSession } from '../support/phone-lab.ts';

const POLL = { polling: 100 };

/** How the receptionist hears and sees a call coming in: the ring, the call-waiting tone, the notification. */
describe('an incoming call', () => {
  let lab: PhoneLab;
  let session: ExtensionSession;

  beforeAll(async () => {
    lab = await PhoneLab.start();
  });
  afterAll(async () => {
    await lab.stop();
  });
  beforeEach(async () => {
    session = await launchExtension();
  });
  afterEach(async () => {
    try {
      session.assertNoErrors();
    } finally {
      await session.close();
    }
  });

  /** The phone engine's document, where the ring plays. */
  async function engineDocument(): Promise<Page> {
    const target = await session.browser.waitForTarget((candidate) => candidate.url() === session.url('offscreen.html'));
    return target.asPage();
  }

  async function ringerMode(engine: Page): Promise<string> {
    return engine.evaluate(() => {
      const ringer = document.querySelector<HTMLAudioElement>('audio[data-role="ringer"]');
      return ringer === null ? 'none' : ringer.paused ? 'paused' : (ringer.dataset['mode'] ?? '');
    });
  }

  it('rings, then plays only a call-waiting tone for a second call while talking', async () => {
    const alice = await lab.openPeer(session, 'alice');
    const bob = await lab.openPeer(session, 'bob');
    const panel = await lab.openLoggedInConsole(session);
    const engine = await engineDocument();

    await alice.evaluate(() => void window.peer.call('sip:reception@lab.switchboard'));
    await panel.waitForSelector('[aria-label="alice"][data-call-status="Alerting"]');
    await engine.waitForFunction(() => document.querySelector<HTMLAudioElement>('audio[data-role="ringer"]')?.dataset['mode'] === 'ring', POLL);
    expect(await ringerMode(engine)).toBe('ring');

    await panel.click('[aria-label="alice"] [data-action="answer"]');
    await panel.waitForSelector('[aria-label="alice"][data-call-status="Active"]');
    expect(await ringerMode(engine)).toBe('paused');

    await bob.evaluate(() => void window.peer.call('sip:reception@lab.switchboard'));
    await panel.waitForSelector('[aria-label="bob"][data-call-status="Alerting"]');
    expect(await ringerMode(engine)).toBe('call-waiting');
    await bob.evaluate(() => window.peer.hangUp());
    await panel.waitForSelector('[aria-label="bob"]', { hidden: true });
    expect(await ringerMode(engine)).toBe('paused');
  });

  it('raises a notification when no console is open, and withdraws it when the caller gives up', async () => {
    const bob = await lab.openPeer(session, 'bob');
    const panel = await lab.openLoggedInConsole(session);
    await panel.close();
    const worker = await session.serviceWorker();

    await bob.evaluate(() => void window.peer.call('sip:reception@lab.switchboard'));
    const deadline = Date.now() + 10_000;
    let notifications: Record<string, unknown> = {};
    while (Object.keys(notifications).length === 0 && Date.now() < deadline) {
      notifications = await worker.evaluate(() => chrome.notifications.getAll());
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(Object.keys(notifications)).toEqual([expect.stringMatching(/^incoming-call:/)]);

    await bob.evaluate(() => window.peer.hangUp());
    const cleared = Date.now() + 10_000;
    while (Object.keys(notifications).length > 0 && Date.now() < cleared) {
      notifications = await worker.evaluate(() => chrome.notifications.getAll());
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(notifications).toEqual({});
  });
});
