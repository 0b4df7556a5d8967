import { describe, expect, it } from 'vitest';
import type { CDPSession, Page, Target } from 'puppeteer-core';
import type { CallRecord } from '../../src/shared/model/call-record.ts';
import { sendToBackground } from '../support/console-page.ts';
import { usePhoneLab } from '../support/phone-lab.ts';
import { reportFigures } from '../support/reliability-figures.ts';
import { TimerCensus, type PendingTimer } from '../support/timer-census.ts';
import { WebSocketWire } from '../support/websocket-wire.ts';

/** How many calls the soak places and takes (`SOAK_CALLS` to run a shorter or longer one). */
const CALLS = Number(process.env['SOAK_CALLS'] ?? 500);
/** Calls before the first heap reading: caches, JIT and pools are warm by then, so growth is what stays. */
const WARM_UP = 20;
const POLL = { polling: 20, timeout: 15_000 } as const;
/** How many of the last calls' objects may still be alive at the end (see the assertions). */
const RECENT_CALLS_STILL_HELD = 3;
/**
 * The timers' census is compared between this many calls after the warm-up and the end: by then every short timer
 * that re-arms itself (the connection probe) has been seen once; longer refreshes, see `beyondSettled`.
 */
const CENSUS_SETTLED = 20;
/** The census is read this many times once settled, every SETTLED_READ_EVERY calls (see `beyondSettled`). */
const SETTLED_READS = 5;
const SETTLED_READ_EVERY = 5;
/**
 * The delay of SIP's transaction timers B, F, H, L and M (64 × T1, RFC 3261 §17): every request and answered INVITE
 * holds one for 32 s after it ends, so the last calls' come and go with the pace of the run, not with a leak.
 */
const TRANSACTION_TIMER_MS = 32_000;
/** The longest one-shot timer a call leaves behind as it ends (the idle connection probe's answer awaited: 5 s). */
const SHORT_TIMER_MS = 5_000;
/** How long a census waits for the short timers to fire before it counts them. */
const SHORT_TIMERS_WAIT_MS = 12_000;

/** The four ways a call goes, in turn. */
const KINDS = ['placed, held, ended here', 'taken, ended there', 'taken, transferred', 'placed, ended there'] as const;

interface ContextHeap {
  readonly name: string;
  readonly cdp: CDPSession;
}

/** The JS heap of a context after a full garbage collection, in bytes. */
async function heapAfterGc(context: ContextHeap): Promise<number> {
  await context.cdp.send('HeapProfiler.collectGarbage');
  return (await context.cdp.send('Runtime.getHeapUsage')).usedSize;
}

/** How many live objects of a global class (`RTCPeerConnection`, `HTMLAudioElement`) a context holds, after a GC. */
async function liveInstances(cdp: CDPSession, className: string): Promise<number> {
  await cdp.send('HeapProfiler.collectGarbage');
  const prototype = await cdp.send('Runtime.evaluate', { expression: `${className}.prototype` });
  const prototypeId = prototype.result.objectId;
  if (prototypeId === undefined) throw new Error(`no ${className} here`);
  const found = await cdp.send('Runtime.queryObjects', { prototypeObjectId: prototypeId });
  const counted = await cdp.send('Runtime.callFunctionOn', {
    objectId: found.objects.objectId,
    functionDeclaration: 'function () { return this.length; }',
    returnByValue: true,
  });
  return Number(counted.result.value);
}

/**
 * The soak (issue #16): 500 calls through the real extension against Kamailio, with real WebRTC at both ends, in
 * four patterns (placed and held, taken, taken and transferred, ended by either side). The JS heap of every extension
 * context is read before and after; at the end the history holds one row per call, and the engine's page holds no
 * peer connection, audio element, subscription or timer of a call that ended.
 */
describe('the soak', () => {
  const env = usePhoneLab();

  it(
    `${CALLS} calls: one history row each, nothing of a call left behind, the heap reported`,
    { timeout: 1_200_000 },
    async () => {
      const alice = await env.lab.openPeer(env.session, 'alice');
      const bob = await env.lab.openPeer(env.session, 'bob');
      const panel = await env.lab.openLoggedInConsole(env.session);
      const engine = await env.session.engineHost();
      const wire = await WebSocketWire.attach(engine);
      const worker = await env.session.browser.waitForTarget(
        (target) => target.url() === env.session.url('background.js'),
      );
      // The engine's offscreen document and the console share one renderer, so one V8 heap: read once, through the
      // engine's page. The service worker has its own.
      const contexts: ContextHeap[] = await Promise.all(
        (
          [
            ['service worker', worker],
            ['extension pages (engine and console)', engine],
          ] as [string, Target][]
        ).map(async ([name, target]) => ({ name, cdp: await target.createCDPSession() })),
      );
      const send = (type: string, payload: unknown) =>
        sendToBackground(panel, type, payload) as Promise<{ ok: boolean; value?: { callId?: string } }>;
      const callIdIn = (status: string) =>
        panel
          .waitForFunction(
            (selector) => document.querySelector(selector)?.getAttribute('data-call-id') ?? false,
            POLL,
            `[data-call-status="${status}"]`,
          )
          .then(async (handle) => String(await handle.jsonValue()));
      const consoleFree = () =>
        panel.waitForFunction(() => document.querySelector('[data-testid="call"]') === null, POLL);
      const peerState = (peer: Page, state: string) =>
        peer.waitForFunction((wanted) => window.peer.sessionState() === wanted, POLL, state);

      const heapBefore: number[] = [];
      const engineCdp = contexts[1]?.cdp;
      if (engineCdp === undefined) throw new Error('no engine context');
      /** What the engine's page holds between calls once warm (an audio element kept for the ringer, say). */
      const instancesBefore = { peerConnections: 0, audioElements: 0 };
      let census: TimerCensus | undefined;
      let censusSince = 0;
      const settledReads: PendingTimer[][] = [];
      /** How long the census had been counting at its last settled read, in ms. */
      let settledFor = 0;
      let subscriptionsBefore = new Set<string>();
      const started = Date.now();
      for (let index = 0; index < CALLS; index++) {
        if (index === WARM_UP) {
          for (const context of contexts) heapBefore.push(await heapAfterGc(context));
          if (engineCdp !== undefined) {
            instancesBefore.peerConnections = await liveInstances(engineCdp, 'RTCPeerConnection');
            instancesBefore.audioElements = await liveInstances(engineCdp, 'HTMLAudioElement');
          }
          census = await TimerCensus.install(engineCdp);
          censusSince = Date.now();
          subscriptionsBefore = wire.subscriptionsHeld();
        }
        const sinceSettled = index - WARM_UP - CENSUS_SETTLED;
        if (
          sinceSettled >= 0 &&
          sinceSettled < SETTLED_READS * SETTLED_READ_EVERY &&
          sinceSettled % SETTLED_READ_EVERY === 0
        ) {
          settledReads.push(await pendingBeyondTransactions(census));
          settledFor = Date.now() - censusSince;
        }
        const kind = KINDS[index % KINDS.length];
        try {
          switch (kind) {
            case 'placed, held, ended here': {
              const placed = await send('call/dial', { target: 'alice' });
              await alice.evaluate(() => window.peer.waitForIncoming(10_000));
              await alice.evaluate(() => window.peer.answer());
              const callId = placed.value?.callId ?? (await callIdIn('Active'));
              await callIdIn('Active');
              await send('call/action', { callId, action: 'hold' });
              await send('call/action', { callId, action: 'resume' });
              await send('call/action', { callId, action: 'hang-up' });
              await peerState(alice, 'Terminated');
              break;
            }
            case 'taken, ended there': {
              await bob.evaluate(() => void window.peer.call('sip:reception@lab.switchboard'));
              const callId = await callIdIn('Alerting');
              await send('call/action', { callId, action: 'answer' });
              await peerState(bob, 'Established');
              await bob.evaluate(() => window.peer.hangUp());
              break;
            }
            case 'taken, transferred': {
              await bob.evaluate(() => void window.peer.call('sip:reception@lab.switchboard'));
              const callId = await callIdIn('Alerting');
              await send('call/action', { callId, action: 'answer' });
              await peerState(bob, 'Established');
              const transferred = send('call/transfer', { callId, target: { kind: 'number', number: 'alice' } });
              await alice.evaluate(() => window.peer.waitForIncoming(10_000));
              await alice.evaluate(() => window.peer.answer());
              expect((await transferred).ok).toBe(true);
              await peerState(alice, 'Established');
              await alice.evaluate(() => window.peer.hangUp());
              await peerState(bob, 'Terminated');
              break;
            }
            case 'placed, ended there': {
              await send('call/dial', { target: 'alice' });
              await alice.evaluate(() => window.peer.waitForIncoming(10_000));
              await alice.evaluate(() => window.peer.answer());
              await callIdIn('Active');
              await alice.evaluate(() => window.peer.hangUp());
              break;
            }
          }
          await consoleFree();
        } catch (error) {
          const lately = env.session.logs
            .slice(-20)
            .map((line) => `${line.context} ${line.text}`)
            .join('\n');
          throw new Error(`call ${index} (${kind}): ${String(error)}\n${lately}`);
        }
      }
      const elapsedMs = Date.now() - started;
      const heapAfter = await Promise.all(contexts.map((context) => heapAfterGc(context)));
      const peerConnections = await liveInstances(engineCdp, 'RTCPeerConnection');
      const audioElements = await liveInstances(engineCdp, 'HTMLAudioElement');
      const timersAtEnd = await pendingBeyondTransactions(census);
      const timersLeft = beyondSettled(timersAtEnd, settledReads, settledFor);
      const subscriptionsAtEnd = wire.subscriptionsHeld();
      const subscriptionsLeft = [...subscriptionsAtEnd].filter((name) => !subscriptionsBefore.has(name));
      const subscriptionsAsked = wire.events.filter(
        (event) => event.kind === 'sent' && /^(SUBSCRIBE|REFER) /.test(event.text),
      ).length;
      const rows: CallRecord[] = [];
      for (const filter of ['placed', 'received'] as const) {
        const answer = (await send('history/list', { filter, search: '', limit: 500 })) as unknown as {
          value: CallRecord[];
        };
        rows.push(...answer.value);
      }
      const ids = new Set(rows.map((row) => row.id));

      const figures = contexts.map((context, position) => ({
        name: `soak: ${context.name} heap growth over ${CALLS - WARM_UP} calls`,
        value: Math.round(((heapAfter[position] ?? 0) - (heapBefore[position] ?? 0)) / 1024),
        unit: 'KiB',
      }));
      await reportFigures('soak', [
        { name: `soak: calls (${KINDS.join('; ')})`, value: CALLS, unit: '' },
        { name: 'soak: time per call', value: Math.round(elapsedMs / CALLS), unit: 'ms' },
        ...figures,
        {
          name: 'soak: peer connections in the engine, more than after the warm-up (≤ 3: the last calls)',
          value: peerConnections - instancesBefore.peerConnections,
          unit: '',
          target: RECENT_CALLS_STILL_HELD,
        },
        {
          name: 'soak: audio elements in the engine, more than after the warm-up (≤ 3: the last calls)',
          value: audioElements - instancesBefore.audioElements,
          unit: '',
          target: RECENT_CALLS_STILL_HELD,
        },
        {
          name: `soak: subscriptions held at the end that were not after the warm-up (SUBSCRIBEs and REFERs sent: ${subscriptionsAsked})`,
          value: subscriptionsLeft.length,
          unit: '',
          target: 0,
        },
        {
          name: `soak: engine timers pending at the end beyond those ${CENSUS_SETTLED}–${CENSUS_SETTLED + (SETTLED_READS - 1) * SETTLED_READ_EVERY} calls after the warm-up (SIP transactions' aside)`,
          value: timersLeft.length,
          unit: '',
          target: 0,
        },
        {
          name: 'soak: history rows minus calls (lost or doubled)',
          value: Math.abs(ids.size - CALLS) + (rows.length - ids.size),
          unit: '',
          target: 0,
        },
      ]);
      // A call that just ended may still be held by its SIP transactions (sip.js keeps them up to 32 s, RFC 3261
      // §17), and with them its peer connection: the last calls' few are not a leak; one per call would be hundreds.
      expect(peerConnections).toBeLessThanOrEqual(instancesBefore.peerConnections + RECENT_CALLS_STILL_HELD);
      expect(audioElements).toBeLessThanOrEqual(instancesBefore.audioElements + RECENT_CALLS_STILL_HELD);
      expect(subscriptionsLeft).toEqual([]);
      expect(timersLeft, JSON.stringify({ timersAtEnd, settledReads })).toEqual([]);
      expect(rows).toHaveLength(CALLS);
      expect(ids.size).toBe(CALLS);
    },
  );
});

/**
 * The timers pending at the end beyond what the settled reads held: of each kind and delay, as many as the most any
 * one settled read held are the timers that re-arm themselves (the connection probe); more is what calls left
 * behind. One read alone could miss one that was being re-armed at that moment (a CI run saw the probe's 25 s timer
 * at the end and not at the only settled read).
 *
 * A refresh longer than the census had been counting at its last settled read (`settledFor`) was armed before the
 * census and is unseen by those reads; it may come due during the run and be armed again, once pending at a time (a
 * CI run ended with the registration's 270 s refresh, re-armed 270 s into the soak). One of each such delay is
 * allowed; a call leaving one behind would leave hundreds.
 */
function beyondSettled(
  atEnd: readonly PendingTimer[],
  settledReads: readonly PendingTimer[][],
  settledFor: number,
): PendingTimer[] {
  const key = (timer: PendingTimer) => `${timer.kind} ${timer.delay}`;
  const allowed = new Map<string, number>();
  for (const read of settledReads) {
    const counts = new Map<string, number>();
    for (const timer of read) counts.set(key(timer), (counts.get(key(timer)) ?? 0) + 1);
    for (const [each, count] of counts) allowed.set(each, Math.max(count, allowed.get(each) ?? 0));
  }
  return atEnd.filter((timer) => {
    const armedBeforeCensus = timer.kind === 'timeout' && timer.delay > settledFor ? 1 : 0;
    const left = Math.max(allowed.get(key(timer)) ?? 0, armedBeforeCensus);
    allowed.set(key(timer), left - 1);
    return left <= 0;
  });
}

/**
 * The timers the engine's page holds other than SIP transactions' (see TRANSACTION_TIMER_MS), read once the short
 * ones a call leaves as it ends have fired (the next spare offer, a replaced leg's grace, an in-call probe's answer
 * awaited: 2 s each): read at once, the count depended on how soon after the call the census came (a run counted two
 * of them at the end and none at the settled census). A short timer that never stops re-arming is still counted: the
 * wait gives up after SHORT_TIMERS_WAIT_MS and reads what is there.
 */
async function pendingBeyondTransactions(census: TimerCensus | undefined): Promise<PendingTimer[]> {
  if (census === undefined) throw new Error('the soak is shorter than its warm-up');
  const waitUntil = Date.now() + SHORT_TIMERS_WAIT_MS;
  for (;;) {
    const pending = (await census.pending()).filter((timer) => timer.delay !== TRANSACTION_TIMER_MS);
    const shortOnes = pending.filter((timer) => timer.kind === 'timeout' && timer.delay <= SHORT_TIMER_MS);
    if (shortOnes.length === 0 || Date.now() >= waitUntil) return pending;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
