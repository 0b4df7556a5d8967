import { describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import type { CallRecord } from '../../src/shared/model/call-record.ts';
import { replaceText, sendToBackground, waitForText } from '../support/console-page.ts';
import { usePhoneLab } from '../support/phone-lab.ts';
import { percentile, reportFigures } from '../support/reliability-figures.ts';

/** Where in a call the worker is stopped, round after round. */
const MOMENTS = ['ringing', 'dialling', 'transferring', 'talking', 'notifying'] as const;
type Moment = (typeof MOMENTS)[number];
const ROUNDS = 20;
/** The stop comes at a random time within this much of the moment's start (seeded: a failure can be replayed). */
const JITTER_MS = 400;
const SEED = Number(process.env['WORKER_STOPS_SEED'] ?? 16);
const POLL = { polling: 50, timeout: 15_000 } as const;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A small seeded generator (mulberry32): the same seed, the same moments. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = Math.imul(state ^ (state >>> 15), 1 | state);
    value = (value + Math.imul(value ^ (value >>> 7), 61 | value)) ^ value;
    return ((value ^ (value >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * The service worker stopped 20 times at random moments (issue #16): while a call rings, while one is dialled,
 * during a blind transfer, while talking, and while the incoming-call notification is shown (the console closed).
 * Each call goes on as if nothing happened, is acted on after the stop, and is in the history once.
 */
describe('the service worker stopped under calls', () => {
  const env = usePhoneLab();

  it('drops no call, and writes each to the history once', { timeout: 300_000 }, async () => {
    const random = seeded(SEED);
    const alice = await env.lab.openPeer(env.session, 'alice');
    const bob = await env.lab.openPeer(env.session, 'bob');
    let panel: Page | null = await env.lab.openLoggedInConsole(env.session);
    const backAfterMs: number[] = [];
    const moments: string[] = [];

    /** Stops the worker at a random time within the moment; when the console is open, times its reconnection. */
    const stopWorkerSoon = async (moment: Moment) => {
      const delay = Math.round(random() * JITTER_MS);
      moments.push(`${moment}+${delay}ms`);
      await sleep(delay);
      const stoppedAt = Date.now();
      await env.session.stopServiceWorker();
      if (panel === null) return;
      // The console sees its port close, says so, and is connected again once the worker is back.
      await panel.waitForSelector('[data-testid="background-reconnecting"]', { hidden: true, ...POLL });
      await sendToBackground(panel, 'history/list', { filter: 'all', search: '', limit: 1 });
      backAfterMs.push(Date.now() - stoppedAt);
    };
    const console_ = () => {
      if (panel === null) throw new Error('the console is closed');
      return panel;
    };
    const established = (peer: Page) => peer.waitForFunction(() => window.peer.sessionState() === 'Established', POLL);
    const terminated = (peer: Page) => peer.waitForFunction(() => window.peer.sessionState() === 'Terminated', POLL);
    const noCallInConsole = () => console_().waitForSelector('[data-testid="call"]', { hidden: true, ...POLL });

    for (let round = 0; round < ROUNDS; round++) {
      const moment = MOMENTS[round % MOMENTS.length] as Moment;
      try {
        await playRound(moment);
      } catch (error) {
        const lately = env.session.logs.slice(-25).map((line) => `${line.context} ${line.text}`);
        lately.push(
          `alice ${await alice.evaluate(() => window.peer.sessionState())}, bob ${await bob.evaluate(() => window.peer.sessionState())}`,
        );
        lately.push((env.lab.kamailio.log ?? '').split('\n').slice(-60).join('\n'));
        throw new Error(`round ${round} (${moments.join(', ')}): ${String(error)}\n${lately.join('\n')}`);
      }
    }

    async function playRound(moment: Moment): Promise<void> {
      switch (moment) {
        case 'ringing': {
          await bob.evaluate(() => void window.peer.call('sip:reception@lab.switchboard'));
          await console_().waitForSelector('[data-call-status="Alerting"]', POLL);
          await stopWorkerSoon(moment);
          await console_().click('[data-action="answer"]');
          await established(bob);
          await bob.evaluate(() => window.peer.hangUp());
          await noCallInConsole();
          break;
        }
        case 'dialling': {
          await replaceText(console_(), '#dial-target', 'alice');
          await console_().keyboard.press('Enter');
          await stopWorkerSoon(moment);
          await alice.evaluate(() => window.peer.waitForIncoming(10_000));
          await alice.evaluate(() => window.peer.answer());
          await waitForText(console_(), '[data-testid="call-status"]', /Connected/);
          await console_().click('[data-action="hang-up"]');
          await terminated(alice);
          await noCallInConsole();
          break;
        }
        case 'transferring': {
          await bob.evaluate(() => void window.peer.call('sip:reception@lab.switchboard'));
          await console_().waitForSelector('[data-call-status="Alerting"]', POLL);
          await console_().click('[data-action="answer"]');
          await established(bob);
          await console_().click('[data-action="transfer"]');
          await console_().type('[data-testid="call-transfer"] input', 'alice');
          await console_().click('[data-action="transfer-blind"]');
          await stopWorkerSoon(moment);
          await alice.evaluate(() => window.peer.waitForIncoming(10_000));
          await alice.evaluate(() => window.peer.answer());
          await established(alice);
          await established(bob);
          await noCallInConsole();
          await alice.evaluate(() => window.peer.hangUp());
          await terminated(bob);
          break;
        }
        case 'talking': {
          await replaceText(console_(), '#dial-target', 'alice');
          await console_().keyboard.press('Enter');
          await alice.evaluate(() => window.peer.waitForIncoming(10_000));
          await alice.evaluate(() => window.peer.answer());
          await waitForText(console_(), '[data-testid="call-status"]', /Connected/);
          await stopWorkerSoon(moment);
          await console_().click('[data-action="hold"]');
          await console_().waitForSelector('[data-call-status="Held"]', POLL);
          await console_().click('[data-action="resume"]');
          await console_().waitForSelector('[data-call-status="Active"]', POLL);
          expect(await alice.evaluate(() => window.peer.sessionState())).toBe('Established');
          await console_().click('[data-action="hang-up"]');
          await terminated(alice);
          break;
        }
        case 'notifying': {
          // With no console open, the worker shows the incoming call as a notification.
          await console_().close();
          panel = null;
          await bob.evaluate(() => void window.peer.call('sip:reception@lab.switchboard'));
          const worker = env.session.serviceWorker();
          const deadline = Date.now() + 15_000;
          while (
            !(await worker
              .evaluate(async () => Object.keys(await chrome.notifications.getAll()))
              .then((ids) => ids.some((id) => id.startsWith('incoming-call:'))))
          ) {
            if (Date.now() > deadline) throw new Error('no incoming-call notification');
            await sleep(50);
          }
          await stopWorkerSoon(moment);
          panel = await env.session.openPage('sidepanel.html');
          await panel.waitForSelector('[data-call-status="Alerting"]', POLL);
          await panel.click('[data-action="answer"]');
          await established(bob);
          await bob.evaluate(() => window.peer.hangUp());
          await noCallInConsole();
          break;
        }
      }
    }

    const answer = (await sendToBackground(console_(), 'history/list', { filter: 'all', search: '', limit: 100 })) as {
      value: CallRecord[];
    };
    const rows = answer.value;
    const ids = new Set(rows.map((row) => row.id));
    const notAnswered = rows.filter((row) => row.outcome !== 'answered');
    await reportFigures('worker-stops', [
      {
        name: 'service worker stops (moments: ringing, dialling, transferring, talking, notifying)',
        value: ROUNDS,
        unit: '',
      },
      { name: 'console connected again after a stop, median', value: percentile(backAfterMs, 50), unit: 'ms' },
      { name: 'console connected again after a stop, p95', value: percentile(backAfterMs, 95), unit: 'ms' },
      { name: 'calls dropped by a worker stop', value: notAnswered.length, unit: '', target: 0 },
      { name: 'history rows lost', value: Math.max(0, ROUNDS - ids.size), unit: '', target: 0 },
      { name: 'history rows doubled', value: rows.length - ids.size, unit: '', target: 0 },
    ]);
    expect(notAnswered, moments.join(' ')).toEqual([]);
    expect(rows).toHaveLength(ROUNDS);
    expect(ids.size).toBe(ROUNDS);
  });
});
