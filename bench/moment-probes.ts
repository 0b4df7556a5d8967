/**
 * What the moments benchmark installs in the pages it watches, to stamp each step on one clock
 * (`performance.timeOrigin + performance.now()`, ms since the epoch, shared by every page of the machine). Each
 * function runs inside a page (`page.evaluate`), so it uses nothing from outside it.
 */

/**
 * tsx compiles this file keeping function names, with a helper (`__name`) the pages do not have: evaluated first in
 * each page the probes run in.
 */
export const KEEP_NAMES_HELPER = 'globalThis.__name ??= (target) => target;';

/** One step in a page: a method of the browser's media APIs called and returned, or a message heard. */
export interface ProbeStep {
  readonly name: string;
  readonly startedAt: number;
  readonly endedAt: number;
}

interface ProbeWindow {
  benchSteps?: ProbeStep[];
}

/**
 * In the engine's page: records every `getUserMedia`, `setRemoteDescription`, `createOffer`, `createAnswer` and
 * `setLocalDescription` (start and end), every runtime message addressed to the engine (by type, when heard), each
 * state update the engine sends the background, and each time the ringer starts playing the ring.
 */
export function probeEnginePage(): void {
  const steps: ProbeStep[] = [];
  (window as ProbeWindow).benchSteps = steps;
  const now = () => performance.timeOrigin + performance.now();
  const timed = <T extends object>(prototype: T, method: string) => {
    const original = (prototype as Record<string, unknown>)[method] as (...args: unknown[]) => Promise<unknown>;
    (prototype as Record<string, unknown>)[method] = async function (this: unknown, ...args: unknown[]) {
      const startedAt = now();
      try {
        return await original.apply(this, args);
      } finally {
        steps.push({ name: method, startedAt, endedAt: now() });
      }
    };
  };
  timed(MediaDevices.prototype, 'getUserMedia');
  for (const method of ['setRemoteDescription', 'createOffer', 'createAnswer', 'setLocalDescription'])
    timed(RTCPeerConnection.prototype, method);
  const send = chrome.runtime.sendMessage.bind(chrome.runtime) as (...args: unknown[]) => Promise<unknown>;
  (chrome.runtime as { sendMessage: unknown }).sendMessage = (...args: unknown[]) => {
    const [message] = args;
    const type = typeof message === 'object' && message !== null && 'type' in message ? String(message.type) : '';
    if (type === 'engine/state-changed') steps.push({ name: 'state sent', startedAt: now(), endedAt: now() });
    return send(...args);
  };
  chrome.runtime.onMessage.addListener((message: unknown) => {
    const type = typeof message === 'object' && message !== null && 'type' in message ? String(message.type) : '';
    if (type.startsWith('engine/')) steps.push({ name: type, startedAt: now(), endedAt: now() });
  });
  document.addEventListener(
    'playing',
    (event) => {
      const element = event.target as HTMLElement;
      if (element.dataset['role'] === 'ringer' && element.dataset['mode'] === 'ring')
        steps.push({ name: 'ring playing', startedAt: now(), endedAt: now() });
    },
    { capture: true },
  );
}

/** The steps recorded since `since`, in the engine's page. */
export function stepsSince(since: number): ProbeStep[] {
  return ((window as ProbeWindow).benchSteps ?? []).filter((step) => step.startedAt >= since);
}

/**
 * When something matching `selector` is first on screen in this page: the first frame drawn after it appeared
 * (a task queued from the animation frame that follows it runs once that frame is painted).
 */
export function paintedWhen(selector: string, timeoutMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      observer.disconnect();
      reject(new Error(`${selector} never appeared`));
    }, timeoutMs);
    const check = () => {
      if (document.querySelector(selector) === null) return;
      observer.disconnect();
      clearTimeout(timer);
      requestAnimationFrame(() => setTimeout(() => resolve(performance.timeOrigin + performance.now()), 0));
    };
    const observer = new MutationObserver(check);
    observer.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
    check();
  });
}

/** Clicks `selector` in this page and says when (the same clock). */
export function clickNow(selector: string): number {
  const element = document.querySelector<HTMLElement>(selector);
  if (element === null) throw new Error(`nothing to click at ${selector}`);
  const at = performance.timeOrigin + performance.now();
  element.click();
  return at;
}

/** In a far end's page: when its peer connection first counts audio received (polling every 2 ms). */
export async function audioReceivedWhen(timeoutMs: number): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  while ((await window.peer.audio()).received === 0) {
    if (Date.now() > deadline) throw new Error('no audio received');
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  return performance.timeOrigin + performance.now();
}

/** In a far end's page: when its current call is established with `party` (polling every 2 ms). */
export async function talkingToWhen(party: string, timeoutMs: number): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  while (window.peer.remoteParty() !== party || window.peer.sessionState() !== 'Established') {
    if (Date.now() > deadline) throw new Error(`not talking to ${party}`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  return performance.timeOrigin + performance.now();
}
