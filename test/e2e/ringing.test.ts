import { describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { usePhoneLab } from '../support/phone-lab.ts';

const POLL = { polling: 100 };

/** How the receptionist hears and sees a call coming in: the ring, the call-waiting tone, the notification. */
describe('an incoming call', () => {
  const env = usePhoneLab();

  /** The phone engine's document, where the ring plays. */
  async function engineDocument(): Promise<Page> {
    const target = await env.session.browser.waitForTarget(
      (candidate) => candidate.url() === env.session.url('offscreen.html'),
    );
    return target.asPage();
  }

  async function ringerMode(engine: Page): Promise<string> {
    return engine.evaluate(() => {
      const ringer = document.querySelector<HTMLAudioElement>('audio[data-role="ringer"]');
      return ringer === null ? 'none' : ringer.paused ? 'paused' : (ringer.dataset['mode'] ?? '');
    });
  }

  it('rings, then plays only a call-waiting tone for a second call while talking', async () => {
    const alice = await env.lab.openPeer(env.session, 'alice');
    const bob = await env.lab.openPeer(env.session, 'bob');
    const panel = await env.lab.openLoggedInConsole(env.session);
    const engine = await engineDocument();

    await alice.evaluate(() => void window.peer.call('sip:reception@env.lab.switchboard'));
    await panel.waitForSelector('[aria-label="alice"][data-call-status="Alerting"]');
    await engine.waitForFunction(
      () => document.querySelector<HTMLAudioElement>('audio[data-role="ringer"]')?.dataset['mode'] === 'ring',
      POLL,
    );
    expect(await ringerMode(engine)).toBe('ring');
    await engine.waitForFunction(
      () => document.querySelector<HTMLElement>('audio[data-role="ringer"]')?.dataset['audio'] === 'running',
      POLL,
    );

    await panel.click('[aria-label="alice"] [data-action="answer"]');
    await panel.waitForSelector('[aria-label="alice"][data-call-status="Active"]');
    expect(await ringerMode(engine)).toBe('paused');

    await bob.evaluate(() => void window.peer.call('sip:reception@env.lab.switchboard'));
    await panel.waitForSelector('[aria-label="bob"][data-call-status="Alerting"]');
    expect(await ringerMode(engine)).toBe('call-waiting');
    await bob.evaluate(() => window.peer.hangUp());
    await panel.waitForSelector('[aria-label="bob"]', { hidden: true });
    expect(await ringerMode(engine)).toBe('paused');
    // Nothing ringing any more: nothing of the ring keeps the audio device open (its context suspended, the element
    // emptied), as on a console left open all day between calls.
    await engine.waitForFunction(() => {
      const ringer = document.querySelector<HTMLAudioElement>('audio[data-role="ringer"]');
      return ringer?.dataset['audio'] === 'suspended' && ringer.srcObject === null;
    }, POLL);
  });

  it('raises a notification when no console is open, and withdraws it when the caller gives up', async () => {
    const bob = await env.lab.openPeer(env.session, 'bob');
    const panel = await env.lab.openLoggedInConsole(env.session);
    await panel.close();
    const worker = env.session.serviceWorker();

    await bob.evaluate(() => void window.peer.call('sip:reception@env.lab.switchboard'));
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
