/** The notes of the reception queue's music: a calm arpeggio (C, E, G, C′, G, E), one every 400 ms. */
const NOTES_HZ = [261.63, 329.63, 392.0, 523.25, 392.0, 329.63];
const NOTE_SECONDS = 0.4;
const VOLUME = 0.12;

/**
 * Music for callers waiting in the console's reception queue, generated with Web Audio (no file to ship, nothing
 * from a microphone): a stream to send on the call in place of the microphone until the receptionist takes it.
 */
export function createQueueMusic(): { readonly stream: MediaStream; stop(): void } {
  const context = new AudioContext();
  const destination = context.createMediaStreamDestination();
  const oscillator = context.createOscillator();
  const gain = context.createGain();
  oscillator.type = 'sine';
  gain.gain.value = VOLUME;
  oscillator.connect(gain).connect(destination);
  // The whole melody is scheduled ahead on the audio clock, a minute at a time: no timer per note.
  let scheduledUntil = context.currentTime;
  const scheduleAhead = () => {
    for (let index = 0; scheduledUntil < context.currentTime + 60; index++) {
      oscillator.frequency.setValueAtTime(NOTES_HZ[index % NOTES_HZ.length] ?? 440, scheduledUntil);
      scheduledUntil += NOTE_SECONDS;
    }
  };
  scheduleAhead();
  const timer = setInterval(scheduleAhead, 30_000);
  oscillator.start();
  return {
    stream: destination.stream,
    stop: () => {
      clearInterval(timer);
      oscillator.stop();
      destination.stream.getTracks().forEach((track) => track.stop());
      void context.close().catch(() => undefined);
    },
  };
}
