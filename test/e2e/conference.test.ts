import { beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { callAndAnswer, waitForText } from '../support/console-page.ts';
import { energyOverASecond, expectTalking, waitForSilence } from '../support/peer-audio.ts';
import { usePhoneLab } from '../support/phone-lab.ts';

const POLL = { polling: 100, timeout: 15_000 } as const;
/** Sound energy over a second that means "heard" (a tone gives ~0.1; silence or comfort noise ~0). */
const HEARD = 1e-3;

/**
 * My Conferences against Kamailio: Alice calls the front desk, the receptionist calls Bob and joins the three; each
 * party hears the other two (measured as sound energy received), then hold, resume, leave and end do what the guide
 * says.
 */
describe('a three-way conference', () => {
  const env = usePhoneLab();
  let alice: Page;
  let bob: Page;
  let panel: Page;
  let callIds: string[];

  beforeEach(async () => {
    alice = await env.lab.openPeer(env.session, 'alice');
    bob = await env.lab.openPeer(env.session, 'bob');
    panel = await env.lab.openLoggedInConsole(env.session);
    await alice.evaluate(() => void window.peer.call('sip:reception@lab.switchboard'));
    await panel.waitForSelector('[aria-label="alice"] [data-action="answer"]', POLL);
    await panel.click('[aria-label="alice"] [data-action="answer"]');
    await panel.waitForSelector('[aria-label="alice"][data-call-status="Active"]', POLL);
    await callAndAnswer(panel, bob, 'bob');
    await panel.waitForSelector('[aria-label="alice"][data-call-status="Held"]', POLL);
    callIds = await panel.$$eval('[data-testid="call"]', (calls) =>
      calls.map((call) => call.getAttribute('data-call-id') ?? ''),
    );
    await panel.click('[aria-label="bob"] [data-testid="call-more"]');
    await panel.click('[aria-label="bob"] [data-action="conference"]');
    await panel.waitForSelector('[data-testid="conference"]', POLL);
  });

  async function receivedEnergy(callId: string): Promise<number> {
    const result = (await panel.evaluate(
      (id) => chrome.runtime.sendMessage({ sb: 1, to: 'background', type: 'call/stats', payload: { callId: id } }),
      callId,
    )) as { ok: boolean; value: { receivedAudioEnergy: number } };
    return result.ok ? result.value.receivedAudioEnergy : Number.NaN;
  }

  it('lets each party hear the other two, the receptionist’s microphone on or off', async () => {
    expect(
      await panel.$$eval('[data-testid="conference-participant"]', (items) =>
        items.map((item) => item.textContent).sort(),
      ),
    ).toEqual(['alice', 'bob']);
    await env.session.screenshot(panel, 'conference-en');
    await alice.waitForFunction(() => window.peer.remoteDirection() === 'sendrecv', POLL);

    // The receptionist hears both.
    const before = await Promise.all(callIds.map((id) => receivedEnergy(id)));
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const after = await Promise.all(callIds.map((id) => receivedEnergy(id)));
    after.forEach((energy, index) => expect(energy - (before[index] ?? 0)).toBeGreaterThan(HEARD));

    // With the receptionist's microphone off, what Alice hears can only be Bob, and what Bob hears only Alice.
    await panel.click('[data-action="conference-mute"]');
    await panel.waitForSelector('[data-action="conference-mute"][aria-pressed="true"]');
    await new Promise((resolve) => setTimeout(resolve, 300));
    const [aliceHears, bobHears] = await Promise.all([energyOverASecond(alice), energyOverASecond(bob)]);
    expect(aliceHears.energy).toBeGreaterThan(HEARD);
    expect(bobHears.energy).toBeGreaterThan(HEARD);

    // The control: Bob hangs up, the conference is over, the microphone is still off — Alice now hears nothing, so
    // what she heard came from Bob, through the mix.
    await bob.evaluate(() => window.peer.hangUp());
    await panel.waitForSelector('[data-testid="conference"]', { hidden: true, timeout: 15_000 });
    await panel.waitForSelector('[aria-label="alice"] [data-action="unmute"]', POLL);
    await waitForSilence(alice, aliceHears.energy / 100);
    const aliceAlone = await energyOverASecond(alice);
    expect(aliceAlone.bytes).toBeGreaterThan(0);
    expect(aliceAlone.energy).toBeLessThan(aliceHears.energy / 100);
  });

  it('holds and resumes the conference as a whole', async () => {
    await panel.click('[data-action="conference-hold"]');
    await waitForText(panel, '[data-testid="conference-state"]', /On hold/);
    await alice.waitForFunction(() => window.peer.remoteDirection() === 'recvonly', POLL);
    await bob.waitForFunction(() => window.peer.remoteDirection() === 'recvonly', POLL);
    await env.session.screenshot(panel, 'conference-held-en');
    await panel.click('[data-action="conference-resume"]');
    await waitForText(panel, '[data-testid="conference-state"]', /Connected/);
    await alice.waitForFunction(() => window.peer.remoteDirection() === 'sendrecv', POLL);
    await bob.waitForFunction(() => window.peer.remoteDirection() === 'sendrecv', POLL);
    const bobHears = await energyOverASecond(bob);
    expect(bobHears.energy).toBeGreaterThan(HEARD);
  });

  it('leaves the conference: the two others stay connected together', async () => {
    await panel.click('[data-action="conference-leave"]');
    await panel.waitForSelector('[data-testid="conference"]', { hidden: true, timeout: 15_000 });
    await panel.waitForSelector('[data-testid="call"]', { hidden: true, timeout: 15_000 });
    await expectTalking(alice, 'bob');
    await expectTalking(bob, null);
  });

  it('ends the conference: everyone hangs up', async () => {
    await panel.click('[data-action="conference-end"]');
    await panel.waitForSelector('[data-testid="conference"]', { hidden: true, timeout: 15_000 });
    await alice.waitForFunction(() => window.peer.sessionState() === 'Terminated', POLL);
    await bob.waitForFunction(() => window.peer.sessionState() === 'Terminated', POLL);
    await panel.waitForSelector('[data-testid="call"]', { hidden: true, timeout: 15_000 });
  });
});
