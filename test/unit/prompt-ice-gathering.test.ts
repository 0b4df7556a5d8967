import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  isCandidateEnough,
  PromptSessionDescriptionHandler,
  UDP_BURST_GRACE_MS,
} from '../../src/engine/media/prompt-session-description-handler.ts';

const UDP_HOST = 'candidate:1 1 udp 2122260223 192.0.2.10 50000 typ host generation 0';
const TCP_HOST = 'candidate:2 1 tcp 1518280447 192.0.2.10 9 typ host tcptype active generation 0';
const UDP_SRFLX = 'candidate:3 1 udp 1686052607 203.0.113.7 50000 typ srflx raddr 192.0.2.10 rport 50000';

/** Just what the handler touches of a peer connection: its gathering state, local description and events. */
class GatheringPeerConnection extends EventTarget {
  iceGatheringState: RTCIceGatheringState = 'gathering';
  localDescription: { sdp: string } | null = null;

  gather(candidate: string | null): void {
    const event = new Event('icecandidate') as Event & { candidate: { candidate: string } | null };
    event.candidate = candidate === null ? null : { candidate };
    this.dispatchEvent(event);
  }
}

describe('sending the SDP once the candidates that matter are in', () => {
  let connection: GatheringPeerConnection;
  const logger = { debug: () => undefined, log: () => undefined, warn: () => undefined, error: () => undefined };
  const handler = (iceServers: RTCIceServer[] = []) =>
    new PromptSessionDescriptionHandler(logger as never, () => Promise.resolve(new EventTarget() as never), {
      iceGatheringTimeout: 500,
      peerConnectionConfiguration: { iceServers },
    });
  /** Whether the wait has ended by `ms` after it began. */
  const endedWithin = async (waiting: Promise<void>, ms: number) => {
    let isOver = false;
    void waiting.then(() => (isOver = true));
    await vi.advanceTimersByTimeAsync(ms);
    return isOver;
  };

  beforeEach(() => {
    vi.useFakeTimers();
    vi.stubGlobal('MediaStream', class {});
    vi.stubGlobal(
      'RTCPeerConnection',
      class {
        constructor() {
          connection = new GatheringPeerConnection();
          return connection;
        }
      },
    );
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('tells which candidates are enough, with and without an ICE server', () => {
    expect(isCandidateEnough(UDP_HOST, false)).toBe(true);
    expect(isCandidateEnough(TCP_HOST, false)).toBe(false);
    expect(isCandidateEnough(UDP_HOST, true)).toBe(false);
    expect(isCandidateEnough(UDP_SRFLX, true)).toBe(true);
  });

  it('ends the wait a moment after the first UDP host candidate, not when the TCP ones come', async () => {
    const waiting = handler().waitForIceGatheringComplete(false, 500);
    connection.gather(TCP_HOST);
    expect(await endedWithin(waiting, 50)).toBe(false);
    connection.gather(UDP_HOST);
    expect(await endedWithin(waiting, UDP_BURST_GRACE_MS - 1)).toBe(false);
    expect(await endedWithin(waiting, 1)).toBe(true);
  });

  it('counts a UDP candidate already in the local description', async () => {
    const sdh = handler();
    connection.localDescription = { sdp: `v=0\r\na=${UDP_HOST}\r\n` };
    expect(await endedWithin(sdh.waitForIceGatheringComplete(false, 500), UDP_BURST_GRACE_MS)).toBe(true);
  });

  it("with a STUN server, waits for its candidate (or for sip.js's timeout)", async () => {
    const waiting = handler([{ urls: 'stun:stun.example.com' }]).waitForIceGatheringComplete(false, 500);
    connection.gather(UDP_HOST);
    expect(await endedWithin(waiting, 100)).toBe(false);
    connection.gather(UDP_SRFLX);
    expect(await endedWithin(waiting, UDP_BURST_GRACE_MS)).toBe(true);

    const timedOut = handler([{ urls: 'stun:stun.example.com' }]).waitForIceGatheringComplete(false, 500);
    connection.gather(UDP_HOST);
    expect(await endedWithin(timedOut, 500)).toBe(true);
  });
});
