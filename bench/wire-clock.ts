import type { CDPSession, Target } from 'puppeteer-core';

/** One SIP message a page's WebSocket sent or received, stamped by the browser when it crossed (ms since the epoch). */
export interface WireFrame {
  readonly at: number;
  readonly direction: 'sent' | 'received';
  readonly text: string;
}

/**
 * The SIP messages of a page's WebSockets with the browser's own timestamps, read through the DevTools protocol.
 * Frames carry a monotonic clock; the handshake carries it beside the wall clock, which puts every frame on the same
 * clock as `performance.timeOrigin + performance.now()` in any page of the machine. Sockets opened before `attach`
 * are not seen (log in again after attaching).
 */
export class WireClock {
  readonly frames: WireFrame[] = [];
  #wallMinusMonotonicMs: number | null = null;

  private constructor(private readonly devtools: CDPSession) {}

  static async attach(target: Target): Promise<WireClock> {
    const devtools = await target.createCDPSession();
    const clock = new WireClock(devtools);
    devtools.on('Network.webSocketWillSendHandshakeRequest', ({ timestamp, wallTime }) => {
      clock.#wallMinusMonotonicMs = (wallTime - timestamp) * 1000;
    });
    const record = (direction: WireFrame['direction'], timestamp: number, text: string) => {
      if (clock.#wallMinusMonotonicMs === null) return;
      clock.frames.push({ at: timestamp * 1000 + clock.#wallMinusMonotonicMs, direction, text });
    };
    devtools.on('Network.webSocketFrameSent', ({ timestamp, response }) =>
      record('sent', timestamp, response.payloadData),
    );
    devtools.on('Network.webSocketFrameReceived', ({ timestamp, response }) =>
      record('received', timestamp, response.payloadData),
    );
    await devtools.send('Network.enable');
    return clock;
  }

  /**
   * When the first message matching `startLine` (a request method, or a status code with the CSeq method) crossed
   * in `direction` at or after `since`; waits up to `timeoutMs` for it, since DevTools events arrive a little later.
   */
  async first(
    direction: WireFrame['direction'],
    startLine: RegExp,
    since: number,
    cseqMethod: string | null = null,
    timeoutMs = 10_000,
  ): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const frame = this.frames.find(
        (candidate) =>
          candidate.at >= since &&
          candidate.direction === direction &&
          startLine.test(candidate.text) &&
          (cseqMethod === null || new RegExp(`^CSeq:\\s*\\d+\\s+${cseqMethod}\\s*$`, 'im').test(candidate.text)),
      );
      if (frame !== undefined) return frame.at;
      if (Date.now() > deadline) throw new Error(`no ${direction} ${startLine} since ${since}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  async detach(): Promise<void> {
    await this.devtools.detach().catch(() => undefined);
  }
}
