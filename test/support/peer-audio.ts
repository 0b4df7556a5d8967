import type { Page } from 'puppeteer-core';

// Puppeteer polls on animation frames by default, which a background tab never draws.
const POLL = { polling: 100 };

/** The sound energy (and bytes) a far end received over one second: what it heard, not just that packets came. */
export async function energyOverASecond(peer: Page): Promise<{ energy: number; bytes: number }> {
  const before = await peer.evaluate(() => window.peer.audio());
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const after = await peer.evaluate(() => window.peer.audio());
  return { energy: after.receivedEnergy - before.receivedEnergy, bytes: after.received - before.received };
}

/**
 * Waits until the far end heard no more than `quietPerSecond` of sound energy over the last second (read every 200
 * ms; a shorter window could fall between two beeps of Chromium's fake microphone, one a second). What its jitter
 * buffer holds still plays after our side goes quiet, for longer on a loaded machine than any fixed wait: CI once
 * heard 15 ms of it 300 ms after a mute. Sound still coming after `timeout` ms fails the test, as a mute that
 * silences nothing must.
 */
export async function waitForSilence(peer: Page, quietPerSecond: number, timeout = 10_000): Promise<void> {
  const deadline = Date.now() + timeout;
  const readings: { at: number; energy: number }[] = [];
  for (;;) {
    const energy = (await peer.evaluate(() => window.peer.audio())).receivedEnergy;
    const at = Date.now();
    readings.push({ at, energy });
    const secondAgo = readings.findLast((reading) => reading.at <= at - 1000);
    if (secondAgo !== undefined && energy - secondAgo.energy < quietPerSecond) return;
    if (at > deadline) throw new Error(`the far end still hears sound ${timeout} ms on`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** The page's current call is established (with `party`, when given), and sound from the far end keeps arriving. */
export async function expectTalking(peer: Page, party: string | null): Promise<void> {
  await peer.waitForFunction(
    (expected) =>
      (expected === null || window.peer.remoteParty() === expected) && window.peer.sessionState() === 'Established',
    { ...POLL, timeout: 10_000 },
    party,
  );
  const before = await peer.evaluate(() => window.peer.audio());
  await peer.waitForFunction(
    async (energy) => (await window.peer.audio()).receivedEnergy > energy + 1e-3,
    { ...POLL, timeout: 10_000 },
    before.receivedEnergy,
  );
}
