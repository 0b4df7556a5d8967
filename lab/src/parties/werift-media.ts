import type {
  BodyAndContentType,
  SessionDescriptionHandler,
  SessionDescriptionHandlerFactory,
  SessionDescriptionHandlerOptions,
} from 'sip.js';
import {
  MediaStreamTrack,
  RTCPeerConnection,
  RTCRtpCodecParameters,
  RtpHeader,
  RtpPacket,
  type RTCRtpTransceiver,
} from 'werift';

const SAMPLE_RATE = 8000;
const FRAME_SAMPLES = 160; // 20 ms of PCMU
const TONE_HZ = 440;
const TELEPHONE_EVENT = 101;

/** G.711 µ-law of a 16-bit sample (ITU-T G.711). */
function muLaw(sample: number): number {
  const BIAS = 0x84;
  const sign = sample < 0 ? 0x80 : 0;
  const magnitude = Math.min(Math.abs(sample), 32635) + BIAS;
  let exponent = 7;
  for (let mask = 0x4000; (magnitude & mask) === 0 && exponent > 0; mask >>= 1) exponent--;
  const mantissa = (magnitude >> (exponent + 3)) & 0x0f;
  return ~(sign | (exponent << 4) | mantissa) & 0xff;
}

/**
 * Real audio for the lab's simulated people, with werift (WebRTC in TypeScript): each call sends a 440 Hz tone in
 * PCMU over DTLS-SRTP and counts what it receives, so answering a lab call is audible and a test can prove audio
 * reached the party.
 */
export class WeriftHandler implements SessionDescriptionHandler {
  readonly #connection = new RTCPeerConnection({
    iceServers: [],
    // Loopback is excluded from host candidates unless asked for; the lab and the browser meet there.
    iceAdditionalHostAddresses: ['127.0.0.1'],
    codecs: {
      audio: [
        new RTCRtpCodecParameters({ mimeType: 'audio/PCMU', clockRate: SAMPLE_RATE, channels: 1, payloadType: 0 }),
        // RFC 4733 events, so a caller's keypad reaches the lab (and a test can check the digits that arrived).
        new RTCRtpCodecParameters({
          mimeType: 'audio/telephone-event',
          clockRate: SAMPLE_RATE,
          channels: 1,
          payloadType: TELEPHONE_EVENT,
        }),
      ],
    },
  });
  readonly #track = new MediaStreamTrack({ kind: 'audio' });
  #timer: ReturnType<typeof setInterval> | undefined;
  #sequence = 0;
  #timestamp = 0;
  #phase = 0;
  #isSending = true;
  bytesReceived = 0;
  readonly #transceiver: RTCRtpTransceiver;
  bytesSent = 0;
  /** Digits received as RFC 4733 events, once each (an event is repeated until its end bit). */
  dtmfReceived = '';
  #lastEventTimestamp = -1;
  /** The payload types telephone-events use on this call: ours, and the ones the other side's SDP names. */
  readonly #telephoneEventTypes = new Set<number>([TELEPHONE_EVENT]);

  constructor() {
    this.#transceiver = this.#connection.addTransceiver(this.#track, { direction: 'sendrecv' });
    this.#connection.onTrack.subscribe((track) => {
      track.onReceiveRtp.subscribe((rtp) => {
        if (this.#telephoneEventTypes.has(rtp.header.payloadType))
          this.#onTelephoneEvent(rtp.header.timestamp, rtp.payload);
        else this.bytesReceived += rtp.payload.length;
      });
    });
  }

  close(): void {
    clearInterval(this.#timer);
    void this.#connection.close();
  }

  async getDescription(options?: SessionDescriptionHandlerOptions): Promise<BodyAndContentType> {
    this.#isSending = (options as { hold?: boolean } | undefined)?.hold !== true;
    // A hold is said in the offer too (RFC 3264 §8.4: sendonly), as a desk phone does: the PBX shows the call held.
    const hasRemoteOffer = this.#connection.signalingState === 'have-remote-offer';
    if (!hasRemoteOffer) this.#transceiver.setDirection(this.#isSending ? 'sendrecv' : 'sendonly');
    const description = hasRemoteOffer ? await this.#connection.createAnswer() : await this.#connection.createOffer();
    await this.#connection.setLocalDescription(description);
    await this.#gathered();
    this.#startTone();
    return { body: this.#connection.localDescription?.sdp ?? '', contentType: 'application/sdp' };
  }

  hasDescription(contentType: string): boolean {
    return contentType === 'application/sdp';
  }

  async setDescription(sdp: string): Promise<void> {
    for (const match of sdp.matchAll(/a=rtpmap:(\d+) telephone-event\/8000/gi))
      this.#telephoneEventTypes.add(Number(match[1]));
    const type = this.#connection.signalingState === 'have-local-offer' ? 'answer' : 'offer';
    await this.#connection.setRemoteDescription({ type, sdp });
    this.#startTone();
  }

  sendDtmf(): boolean {
    return false;
  }

  enableSenderTracks(enable: boolean): void {
    this.#isSending = enable;
  }

  enableReceiverTracks(): void {}

  /** An RFC 4733 §2.3 event: byte 0 the event (0–9, 10 = *, 11 = #), the E bit ends it; one digit per timestamp. */
  #onTelephoneEvent(timestamp: number, payload: Buffer): void {
    const event = payload[0];
    if (event === undefined || event > 11 || timestamp === this.#lastEventTimestamp) return;
    this.#lastEventTimestamp = timestamp;
    this.dtmfReceived += event === 10 ? '*' : event === 11 ? '#' : String(event);
  }

  async #gathered(): Promise<void> {
    if (this.#connection.iceGatheringState === 'complete') return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, 2000);
      this.#connection.iceGatheringStateChange.subscribe((state) => {
        if (state === 'complete') {
          clearTimeout(timer);
          resolve();
        }
      });
    });
  }

  #startTone(): void {
    if (this.#timer !== undefined) return;
    this.#timer = setInterval(() => {
      const payload = Buffer.alloc(FRAME_SAMPLES);
      for (let index = 0; index < FRAME_SAMPLES; index++) {
        const sample = this.#isSending ? Math.sin(this.#phase) * 8000 : 0;
        this.#phase += (2 * Math.PI * TONE_HZ) / SAMPLE_RATE;
        payload[index] = muLaw(sample);
      }
      const header = new RtpHeader({
        payloadType: 0,
        sequenceNumber: this.#sequence,
        timestamp: this.#timestamp,
        marker: this.#sequence === 0,
      });
      this.#sequence = (this.#sequence + 1) & 0xffff;
      this.#timestamp = (this.#timestamp + FRAME_SAMPLES) >>> 0;
      this.#track.writeRtp(new RtpPacket(header, payload));
      this.bytesSent += payload.length;
    }, 20);
  }
}

export const weriftHandlerFactory: SessionDescriptionHandlerFactory = () => new WeriftHandler();
