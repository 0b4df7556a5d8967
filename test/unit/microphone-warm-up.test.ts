import { describe, expect, it } from 'vitest';
import type { Session } from 'sip.js';
import { BrowserMicrophone, MicrophoneUnavailableError } from '../../src/engine/media/microphone.ts';

/** A stream of one audio track that says whether it was stopped. */
function fakeStream() {
  const track = { readyState: 'live' as MediaStreamTrackState, stop: () => (track.readyState = 'ended') };
  return { track, stream: { getTracks: () => [track], getAudioTracks: () => [track] } as unknown as MediaStream };
}

/** `getUserMedia` answering each call when told to: what was asked, and a way to give or refuse each stream. */
function devices() {
  const asked: { give(): ReturnType<typeof fakeStream>; refuse(name: string): void }[] = [];
  const mediaDevices = {
    getUserMedia: () =>
      new Promise<MediaStream>((resolve, reject) => {
        asked.push({
          give: () => {
            const made = fakeStream();
            resolve(made.stream);
            return made;
          },
          refuse: (name) => reject(Object.assign(new Error('no'), { name })),
        });
      }),
  } as unknown as MediaDevices;
  return { asked, mediaDevices };
}

const session = () => ({}) as Session;
const AUDIO = { audio: true };
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('the microphone opened while a call rings', () => {
  it('is the one the answer uses: the microphone is asked once', async () => {
    const { asked, mediaDevices } = devices();
    const microphone = new BrowserMicrophone(mediaDevices);
    const call = session();
    microphone.warm(call, AUDIO);
    const warmed = asked[0]?.give();
    await settle();
    await microphone.prepare(call, AUDIO);
    expect(asked).toHaveLength(1);
    expect(warmed?.track.readyState).toBe('live');
  });

  it('answered while still opening: the answer waits for it rather than asking again', async () => {
    const { asked, mediaDevices } = devices();
    const microphone = new BrowserMicrophone(mediaDevices);
    const call = session();
    microphone.warm(call, AUDIO);
    const preparing = microphone.prepare(call, AUDIO);
    asked[0]?.give();
    await preparing;
    expect(asked).toHaveLength(1);
  });

  it('is closed when the call ends unanswered, even if it opened after', async () => {
    const { asked, mediaDevices } = devices();
    const microphone = new BrowserMicrophone(mediaDevices);
    const call = session();
    microphone.warm(call, AUDIO);
    microphone.release(call);
    const late = asked[0]?.give();
    await settle();
    expect(late?.track.readyState).toBe('ended');

    const other = session();
    microphone.warm(other, AUDIO);
    const opened = asked[1]?.give();
    await settle();
    microphone.release(other);
    expect(opened?.track.readyState).toBe('ended');
  });

  it('failing quietly: the answer asks again and says why when it still cannot', async () => {
    const { asked, mediaDevices } = devices();
    const microphone = new BrowserMicrophone(mediaDevices);
    const call = session();
    microphone.warm(call, AUDIO);
    asked[0]?.refuse('NotFoundError');
    await settle();
    const preparing = microphone.prepare(call, AUDIO);
    await settle();
    asked[1]?.refuse('NotAllowedError');
    await expect(preparing).rejects.toEqual(expect.any(MicrophoneUnavailableError));
    await expect(preparing).rejects.toMatchObject({ problem: 'blocked' });
  });

  it('is not reused once it ended (unplugged while ringing): the answer opens a new one', async () => {
    const { asked, mediaDevices } = devices();
    const microphone = new BrowserMicrophone(mediaDevices);
    const call = session();
    microphone.warm(call, AUDIO);
    asked[0]?.give().track.stop();
    await settle();
    const preparing = microphone.prepare(call, AUDIO);
    await settle();
    asked[1]?.give();
    await preparing;
    expect(asked).toHaveLength(2);
  });
});
