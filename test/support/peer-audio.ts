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
