import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SessionState, type Invitation, type Session, type UserAgent } from 'sip.js';
import { prepareAnswerInAdvance } from '../../src/engine/media/answer-in-advance.ts';
import { OfferInAdvance } from '../../src/engine/media/offer-in-advance.ts';
import { PromptSessionDescriptionHandler } from '../../src/engine/media/prompt-session-description-handler.ts';

const OFFER = 'v=0\r\no=caller 1 1 IN IP4 192.0.2.1\r\nm=audio 5000 RTP/AVP 0\r\na=sendrecv\r\n';
const OTHER_OFFER = 'v=0\r\no=caller 2 2 IN IP4 192.0.2.1\r\nm=audio 5002 RTP/AVP 0\r\na=sendrecv\r\n';
const ANSWER = 'v=0\r\no=console 1 1 IN IP4 192.0.2.9\r\nm=audio 9 UDP/TLS/RTP/SAVPF 0\r\na=sendrecv\r\n';
const LOCAL_OFFER = 'v=0\r\no=console 2 2 IN IP4 192.0.2.9\r\nm=audio 9 UDP/TLS/RTP/SAVPF 0\r\na=sendrecv\r\n';

/** A track of a stream, as the handler reads it. */
const track = (id: string) => ({ id, kind: 'audio', stop: vi.fn() });

/** A stream holding `tracks`, enough for sip.js's handler. */
class FakeStream extends EventTarget {
  readonly tracks: ReturnType<typeof track>[];
  constructor(tracks: ReturnType<typeof track>[] = []) {
    super();
    this.tracks = [...tracks];
  }
  getTracks = () => this.tracks;
  getAudioTracks = () => this.tracks;
  getVideoTracks = () => [];
  addTrack = (added: ReturnType<typeof track>) => this.tracks.push(added);
  removeTrack = () => undefined;
}

interface FakeSender {
  track: ReturnType<typeof track> | null;
  replaceTrack(added: ReturnType<typeof track>): Promise<void>;
}

/**
 * What the handler does with a peer connection, recorded: a remote offer set makes an audio transceiver without a
 * track (a browser's does), the answer made is `ANSWER`, the offer made `LOCAL_OFFER`, gathering completes at once.
 */
class RecordingPeerConnection extends EventTarget {
  readonly calls: string[] = [];
  signalingState: RTCSignalingState = 'stable';
  iceGatheringState: RTCIceGatheringState = 'complete';
  remoteDescription: RTCSessionDescriptionInit | null = null;
  localDescription: RTCSessionDescriptionInit | null = null;
  readonly sender: FakeSender = {
    track: null,
    replaceTrack: (added) => {
      this.calls.push(`replaceTrack ${added.id}`);
      this.sender.track = added;
      return Promise.resolve();
    },
  };
  readonly transceivers: { direction: string; receiver: { track: { kind: string } }; sender: FakeSender }[] = [];
  failOffer = false;

  setRemoteDescription(description: RTCSessionDescriptionInit): Promise<void> {
    this.calls.push(`setRemoteDescription ${description.type}`);
    if (this.failOffer) return Promise.reject(new Error('unusable offer'));
    this.remoteDescription = description;
    this.signalingState = description.type === 'offer' ? 'have-remote-offer' : 'stable';
    if (this.transceivers.length === 0) {
      this.transceivers.push({ direction: 'recvonly', receiver: { track: { kind: 'audio' } }, sender: this.sender });
    }
    return Promise.resolve();
  }
  createAnswer(): Promise<RTCSessionDescriptionInit> {
    this.calls.push('createAnswer');
    return Promise.resolve({ type: 'answer', sdp: ANSWER });
  }
  createOffer(): Promise<RTCSessionDescriptionInit> {
    this.calls.push('createOffer');
    return Promise.resolve({ type: 'offer', sdp: LOCAL_OFFER });
  }
  setLocalDescription(description: RTCSessionDescriptionInit): Promise<void> {
    this.calls.push(`setLocalDescription ${description.type}`);
    this.localDescription = description.type === 'rollback' ? null : description;
    this.signalingState = description.type === 'offer' ? 'have-local-offer' : 'stable';
    return Promise.resolve();
  }
  addTransceiver(kind: string, init: { direction: string }): void {
    this.calls.push(`addTransceiver ${kind} ${init.direction}`);
    this.transceivers.push({ direction: init.direction, receiver: { track: { kind } }, sender: this.sender });
  }
  getTransceivers = () => this.transceivers;
  getSenders = () => this.transceivers.map((transceiver) => transceiver.sender);
  getReceivers = () => [];
  addTrack(added: ReturnType<typeof track>): void {
    this.calls.push(`addTrack ${added.id}`);
  }
  close(): void {
    this.signalingState = 'closed';
  }
}

/** The browser's classes the handler makes, as fakes (the connection made is `connection`). */
function stubBrowser(): void {
  vi.stubGlobal('MediaStream', FakeStream);
  vi.stubGlobal(
    'MediaStreamTrackEvent',
    class extends Event {
      readonly track: unknown;
      constructor(type: string, init: { track: unknown }) {
        super(type);
        this.track = init.track;
      }
    },
  );
  vi.stubGlobal(
    'RTCPeerConnection',
    class {
      constructor() {
        connection = new RecordingPeerConnection();
        return connection;
      }
    },
  );
}

let connection: RecordingPeerConnection;
const logger = { debug: () => undefined, log: () => undefined, warn: () => undefined, error: () => undefined };
const microphone = track('microphone');
const microphoneStream = () => Promise.resolve(new FakeStream([microphone]) as unknown as MediaStream);
const handler = () =>
  new PromptSessionDescriptionHandler(logger as never, microphoneStream, {
    iceGatheringTimeout: 500,
    peerConnectionConfiguration: {},
  });

describe("a ringing call's answer made in advance", () => {
  /** What sip.js does when the receptionist answers: set the offer, then ask for the answer. */
  const answer = async (made: PromptSessionDescriptionHandler, offer: string) => {
    await made.setDescription(offer, { constraints: { audio: true } });
    return made.getDescription({ constraints: { audio: true } });
  };

  beforeEach(() => stubBrowser());
  afterEach(() => vi.unstubAllGlobals());

  it('makes the answer while ringing with nothing on its sender, then sends the microphone once answered', async () => {
    const made = handler();
    made.prepareAnswer(OFFER);
    await vi.waitFor(() => expect(connection.calls).toContain('setLocalDescription answer'));
    expect(connection.calls).toEqual(['setRemoteDescription offer', 'createAnswer', 'setLocalDescription answer']);
    // Ringing: the answer's audio goes both ways, but nothing is on its sender.
    expect(connection.transceivers[0]?.direction).toBe('sendrecv');
    expect(connection.sender.track).toBeNull();

    const added: unknown[] = [];
    made.localMediaStream.addEventListener('addtrack', (event) => added.push(event.track));
    const body = await answer(made, OFFER);
    expect(body).toEqual({ body: ANSWER, contentType: 'application/sdp' });
    // Answering did no second negotiation and added no second sender: the microphone took the one answered with.
    expect(connection.calls.slice(3)).toEqual(['replaceTrack microphone']);
    expect(connection.sender.track).toBe(microphone);
    expect(made.localMediaStream.getAudioTracks()).toContain(microphone);
    expect(added).toEqual([microphone]);
  });

  it('answers as sip.js would when the answer made in advance has not finished yet', async () => {
    const made = handler();
    made.prepareAnswer(OFFER);
    const body = await answer(made, OFFER);
    expect(body.body).toBe(ANSWER);
    expect(connection.calls.filter((call) => call.startsWith('setRemoteDescription'))).toHaveLength(1);
    expect(connection.sender.track).toBe(microphone);
  });

  it('fails the answer with the reason when the offer could not be used while ringing', async () => {
    const made = handler();
    connection.failOffer = true;
    made.prepareAnswer(OFFER);
    await expect(answer(made, OFFER)).rejects.toThrow('unusable offer');
    expect(connection.sender.track).toBeNull();
  });

  it("leaves another offer, and later negotiations, to sip.js's own steps", async () => {
    const made = handler();
    made.prepareAnswer(OFFER);
    await answer(made, OFFER);
    const before = connection.calls.length;
    // A re-INVITE's offer after the call was answered: set and answered in full.
    await answer(made, OTHER_OFFER);
    expect(connection.calls.slice(before)).toEqual([
      'setRemoteDescription offer',
      'createAnswer',
      'setLocalDescription answer',
    ]);
  });

  it('makes no answer in advance once sip.js has begun negotiating', async () => {
    const made = handler();
    await answer(made, OFFER);
    const before = connection.calls.length;
    made.prepareAnswer(OTHER_OFFER);
    await Promise.resolve();
    expect(connection.calls.length).toBe(before);
  });
});

describe('which ringing calls get their answer made ahead', () => {
  beforeEach(() => stubBrowser());
  afterEach(() => vi.unstubAllGlobals());

  /** An incoming call as sip.js hands it over, its handler made (as sip.js would) on the first ask. */
  const ringing = (overrides: { contentType?: string; body?: string; state?: SessionState; answering?: boolean }) => {
    let made: PromptSessionDescriptionHandler | undefined = overrides.answering === true ? handler() : undefined;
    return {
      request: {
        body: overrides.body ?? OFFER,
        getHeader: (name: string) =>
          name.toLowerCase() === 'content-type' ? (overrides.contentType ?? 'application/sdp') : undefined,
      },
      state: overrides.state ?? SessionState.Initial,
      get sessionDescriptionHandler() {
        return made;
      },
      sessionDescriptionHandlerModifiers: [],
      setupSessionDescriptionHandler: () => (made ??= handler()),
    } as unknown as Invitation;
  };

  it("makes a ringing call's answer to the offer its INVITE carries", async () => {
    prepareAnswerInAdvance(ringing({ contentType: 'application/SDP; charset=utf-8' }));
    await vi.waitFor(() => expect(connection.calls).toContain('setLocalDescription answer'));
    expect(connection.remoteDescription?.sdp).toBe(OFFER);
  });

  it('leaves alone a call without an offer, one sip.js is already answering, and one that ended', async () => {
    const cases: Parameters<typeof ringing>[0][] = [
      { body: '' },
      { contentType: 'multipart/mixed' },
      { answering: true },
      { state: SessionState.Terminated },
    ];
    for (const overrides of cases) {
      // A connection nobody negotiates on: it stays so unless a handler made for the call is used.
      connection = new RecordingPeerConnection();
      const call = ringing(overrides);
      prepareAnswerInAdvance(call);
      await Promise.resolve();
      expect(connection.calls, JSON.stringify(overrides)).toEqual([]);
    }
  });
});

describe("the next call's offer made in advance", () => {
  beforeEach(() => stubBrowser());
  afterEach(() => vi.unstubAllGlobals());

  it('makes the offer with nothing on its sender, then sends it with the microphone when the call is placed', async () => {
    const made = handler();
    await made.prepareOffer();
    expect(connection.calls).toEqual(['addTransceiver audio sendrecv', 'createOffer', 'setLocalDescription offer']);
    expect(connection.sender.track).toBeNull();

    const body = await made.getDescription({ constraints: { audio: true } });
    expect(body).toEqual({ body: LOCAL_OFFER, contentType: 'application/sdp' });
    expect(connection.calls.slice(3)).toEqual(['replaceTrack microphone']);
    expect(connection.sender.track).toBe(microphone);
    // The far end's answer, and what follows, are sip.js's own steps.
    await made.setDescription(ANSWER);
    expect(connection.calls.slice(4)).toEqual(['setRemoteDescription answer']);
    expect(connection.signalingState).toBe('stable');
  });

  it('makes the offer again in full when it is asked for one it is not (on hold)', async () => {
    const made = handler();
    await made.prepareOffer();
    await made.getDescription({ constraints: { audio: true }, hold: true });
    expect(connection.calls.slice(3)).toEqual([
      'setLocalDescription rollback',
      'addTrack microphone',
      'createOffer',
      'setLocalDescription offer',
    ]);
  });

  it('is not made on a connection already negotiating', async () => {
    const made = handler();
    made.prepareAnswer(OFFER);
    await expect(made.prepareOffer()).rejects.toThrow('already negotiating');
  });
});

describe('the spare offer kept for the next call placed', () => {
  const userAgent = {
    configuration: { sessionDescriptionHandlerFactoryOptions: { iceGatheringTimeout: 500 } },
    getLogger: () => logger,
  } as unknown as UserAgent;
  const sessionOf = (agent: UserAgent) => ({ userAgent: agent }) as unknown as Session;
  const streamFor = vi.fn((_session: Session, _constraints: MediaStreamConstraints) => microphoneStream());

  beforeEach(() => {
    stubBrowser();
    vi.useFakeTimers();
    streamFor.mockClear();
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('hands a ready spare to one call, whose microphone it then sends, and makes the next after a while', async () => {
    const offers = new OfferInAdvance(streamFor);
    offers.start(userAgent);
    const session = sessionOf(userAgent);
    // Not ready yet: the call makes its own handler.
    expect(offers.take(session)).toBeNull();
    await vi.advanceTimersByTimeAsync(0);
    const first = connection;
    const taken = offers.take(session);
    expect(taken).toBeInstanceOf(PromptSessionDescriptionHandler);
    expect(offers.take(sessionOf(userAgent))).toBeNull();

    await taken?.getDescription({ constraints: { audio: true } });
    expect(streamFor).toHaveBeenCalledWith(session, { audio: true });
    expect(first.sender.track).toBe(microphone);

    await vi.advanceTimersByTimeAsync(2_000);
    expect(connection).not.toBe(first);
    expect(offers.take(sessionOf(userAgent))).toBeInstanceOf(PromptSessionDescriptionHandler);
    offers.stop();
  });

  it('keeps its spare for its own line, and closes it when the line stops', async () => {
    const offers = new OfferInAdvance(streamFor);
    offers.start(userAgent);
    await vi.advanceTimersByTimeAsync(0);
    const otherLine = { ...userAgent } as UserAgent;
    expect(offers.take(sessionOf(otherLine))).toBeNull();
    offers.stop();
    expect(connection.signalingState).toBe('closed');
    expect(offers.take(sessionOf(userAgent))).toBeNull();
  });
});
