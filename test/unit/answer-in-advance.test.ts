import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PromptSessionDescriptionHandler } from '../../src/engine/media/prompt-session-description-handler.ts';

const OFFER = 'v=0\r\no=caller 1 1 IN IP4 192.0.2.1\r\nm=audio 5000 RTP/AVP 0\r\na=sendrecv\r\n';
const OTHER_OFFER = 'v=0\r\no=caller 2 2 IN IP4 192.0.2.1\r\nm=audio 5002 RTP/AVP 0\r\na=sendrecv\r\n';
const ANSWER = 'v=0\r\no=console 1 1 IN IP4 192.0.2.9\r\nm=audio 9 UDP/TLS/RTP/SAVPF 0\r\na=sendrecv\r\n';

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
 * What the handler does with a peer connection, recorded: the offer set makes an audio transceiver without a track
 * (a browser's does), the answer made is `ANSWER`, gathering completes at once.
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
    this.signalingState = 'have-remote-offer';
    if (this.transceivers.length === 0) {
      this.transceivers.push({ direction: 'recvonly', receiver: { track: { kind: 'audio' } }, sender: this.sender });
    }
    return Promise.resolve();
  }
  createAnswer(): Promise<RTCSessionDescriptionInit> {
    this.calls.push('createAnswer');
    return Promise.resolve({ type: 'answer', sdp: ANSWER });
  }
  setLocalDescription(description: RTCSessionDescriptionInit): Promise<void> {
    this.calls.push(`setLocalDescription ${description.type}`);
    this.localDescription = description;
    this.signalingState = 'stable';
    return Promise.resolve();
  }
  getTransceivers = () => this.transceivers;
  getSenders = () => this.transceivers.map((transceiver) => transceiver.sender);
  addTrack(added: ReturnType<typeof track>): void {
    this.calls.push(`addTrack ${added.id}`);
  }
  close(): void {
    this.signalingState = 'closed';
  }
}

describe("a ringing call's answer made in advance", () => {
  let connection: RecordingPeerConnection;
  const logger = { debug: () => undefined, log: () => undefined, warn: () => undefined, error: () => undefined };
  const microphone = track('microphone');
  const handler = () =>
    new PromptSessionDescriptionHandler(
      logger as never,
      () => Promise.resolve(new FakeStream([microphone]) as unknown as MediaStream),
      { iceGatheringTimeout: 500, peerConnectionConfiguration: {} },
    );
  /** What sip.js does when the receptionist answers: set the offer, then ask for the answer. */
  const answer = async (made: PromptSessionDescriptionHandler, offer: string) => {
    await made.setDescription(offer, { constraints: { audio: true } });
    return made.getDescription({ constraints: { audio: true } });
  };

  beforeEach(() => {
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
  });
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
