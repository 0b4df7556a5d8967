/**
 * The three-way conference's audio, mixed here (no conference bridge needed on the PBX): each of the two parties
 * is sent the receptionist's microphone plus the other party's voice; the receptionist hears both (each call's remote
 * audio already plays). Built with Web Audio in the engine's document: per party a `MediaStreamAudioDestinationNode`
 * whose track replaces the microphone track on that call's sender. Stopping puts the microphone tracks back.
 */
export interface ConferenceMixer {
  start(left: RTCPeerConnection, right: RTCPeerConnection): Promise<void>;
  /** The receptionist's microphone in the mix (the parties keep hearing each other when it is off). */
  setMicrophoneOn(isOn: boolean): void;
  stop(): Promise<void>;
}

interface MixedLeg {
  readonly sender: RTCRtpSender;
  readonly microphone: MediaStreamTrack;
}

export class WebAudioConferenceMixer implements ConferenceMixer {
  #context: AudioContext | null = null;
  #legs: MixedLeg[] = [];
  #microphoneGain: GainNode | null = null;

  async start(left: RTCPeerConnection, right: RTCPeerConnection): Promise<void> {
    await this.stop();
    const leftLeg = audioLegOf(left);
    const rightLeg = audioLegOf(right);
    if (leftLeg === null || rightLeg === null) throw new Error('a conference needs audio on both calls');
    const context = new AudioContext();
    this.#context = context;
    // One microphone (both senders carry the same device): the left call's track feeds both mixes.
    leftLeg.microphone.enabled = true;
    rightLeg.microphone.enabled = true;
    const microphone = context.createMediaStreamSource(new MediaStream([leftLeg.microphone]));
    const microphoneGain = context.createGain();
    microphone.connect(microphoneGain);
    this.#microphoneGain = microphoneGain;
    const voiceOf = (leg: AudioLeg) => context.createMediaStreamSource(new MediaStream([leg.remote]));
    const leftVoice = voiceOf(leftLeg);
    const rightVoice = voiceOf(rightLeg);
    const toLeft = context.createMediaStreamDestination();
    const toRight = context.createMediaStreamDestination();
    microphoneGain.connect(toLeft);
    microphoneGain.connect(toRight);
    rightVoice.connect(toLeft);
    leftVoice.connect(toRight);
    if (context.state === 'suspended') await context.resume();
    const mixedFor = (destination: MediaStreamAudioDestinationNode) => {
      const track = destination.stream.getAudioTracks()[0];
      if (track === undefined) throw new Error('the mix has no track');
      return track;
    };
    this.#legs = [
      { sender: leftLeg.sender, microphone: leftLeg.microphone },
      { sender: rightLeg.sender, microphone: rightLeg.microphone },
    ];
    await Promise.all([leftLeg.sender.replaceTrack(mixedFor(toLeft)), rightLeg.sender.replaceTrack(mixedFor(toRight))]);
  }

  setMicrophoneOn(isOn: boolean): void {
    if (this.#microphoneGain !== null) this.#microphoneGain.gain.value = isOn ? 1 : 0;
  }

  async stop(): Promise<void> {
    const legs = this.#legs;
    const context = this.#context;
    this.#legs = [];
    this.#context = null;
    this.#microphoneGain = null;
    await Promise.all(legs.map((leg) => leg.sender.replaceTrack(leg.microphone).catch(() => undefined)));
    await context?.close().catch(() => undefined);
  }
}

interface AudioLeg {
  readonly sender: RTCRtpSender;
  readonly microphone: MediaStreamTrack;
  readonly remote: MediaStreamTrack;
}

function audioLegOf(connection: RTCPeerConnection): AudioLeg | null {
  const sender = connection.getSenders().find((candidate) => candidate.track?.kind === 'audio');
  const remote = connection.getReceivers().find((receiver) => receiver.track.kind === 'audio')?.track;
  if (sender?.track === null || sender?.track === undefined || remote === undefined) return null;
  return { sender, microphone: sender.track, remote };
}
