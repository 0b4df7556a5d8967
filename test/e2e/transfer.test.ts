import { beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { callAndAnswer, waitForText } from '../support/console-page.ts';
import { usePhoneLab } from '../support/phone-lab.ts';
import { expectTalking } from '../support/peer-audio.ts';

/** Routing calls: the receptionist's main job. Alice calls the front desk and is put through to Bob. */
describe('transferring a call', () => {
  const env = usePhoneLab();
  let alice: Page;
  let bob: Page;
  let panel: Page;

  beforeEach(async () => {
    const { lab, session } = env;
    alice = await lab.openPeer(session, 'alice');
    bob = await lab.openPeer(session, 'bob');
    panel = await lab.openLoggedInConsole(session);
    await alice.evaluate(() => void window.peer.call('sip:reception@lab.switchboard'));
    await panel.waitForSelector('[aria-label="alice"] [data-action="answer"]');
    await panel.click('[aria-label="alice"] [data-action="answer"]');
    await panel.waitForSelector('[aria-label="alice"][data-call-status="Active"]');
  });

  it('blind: puts the caller through to a number, and the two talk', async () => {
    await panel.click('[aria-label="alice"] [data-action="transfer"]');
    await panel.type('[data-testid="call-transfer"] input', 'bob');
    await panel.click('[data-action="transfer-blind"]');
    await waitForText(panel, '[data-testid="call-transferring"]', /Transferring to bob/);
    await env.session.screenshot(panel, 'transfer-blind-en');

    await bob.evaluate(() => window.peer.waitForIncoming(10_000));
    await bob.evaluate(() => window.peer.answer());
    await panel.waitForSelector('[data-testid="call"]', { hidden: true });
    await waitForText(panel, '[data-testid="global-message"]', /Call transferred to bob/);
    // Supervised (transfer recall is on): Bob answered the console's call, which Alice's then replaced — her call
    // goes to Bob's own contact, and Bob is talking to her.
    await expectTalking(alice, null);
    await expectTalking(bob, 'alice');
  });

  it('blind, to nobody: the transfer fails visibly and the caller comes back', async () => {
    await panel.click('[aria-label="alice"] [data-action="transfer"]');
    await panel.type('[data-testid="call-transfer"] input', 'nobody');
    await panel.click('[data-action="transfer-blind"]');
    await waitForText(panel, '[data-testid="global-message"]', /transfer did not go through/);
    await panel.waitForSelector('[aria-label="alice"][data-call-status="Active"]');
    await alice.waitForFunction(() => window.peer.remoteDirection() === 'sendrecv', POLL);
    expect(await alice.evaluate(() => window.peer.remoteParty())).toBe('reception');
  });

  it('park, where the PBX has no park code: says the call could not be parked, and why the PBX said', async () => {
    await panel.click('[aria-label="alice"] [data-testid="call-more"]');
    await panel.click('[aria-label="alice"] [data-action="park"]');
    await waitForText(panel, '[data-testid="global-message"]', /could not be parked \(404 Not Found\)/);
    await panel.waitForSelector('[aria-label="alice"][data-call-status="Active"]');
  });

  it('attended: consults the colleague first, then joins them with the caller', async () => {
    await callAndAnswer(panel, bob, 'bob');
    await panel.waitForSelector('[aria-label="bob"][data-call-status="Active"]');
    // Calling Bob put Alice on hold.
    await panel.waitForSelector('[aria-label="alice"][data-call-status="Held"]');

    await panel.click('[aria-label="alice"] [data-action="transfer"]');
    await panel.waitForSelector('[data-action="transfer-attended"]');
    await env.session.screenshot(panel, 'transfer-attended-en');
    await panel.click('[data-action="transfer-attended"]');
    await panel.waitForSelector('[data-testid="call"]', { hidden: true, timeout: 15_000 });
    // Alice's new call goes to Bob's own contact (the Refer-To of an attended transfer), not to "bob".
    await expectTalking(alice, null);
    await expectTalking(bob, 'alice');
  });

  it('by dragging: a call dropped onto another call joins the two parties', async () => {
    await callAndAnswer(panel, bob, 'bob');
    await panel.waitForSelector('[aria-label="alice"][data-call-status="Held"]');
    const alicesCall = await panel.$('[aria-label="alice"]');
    const bobsCall = await panel.$('[aria-label="bob"]');
    if (alicesCall === null || bobsCall === null) throw new Error('both calls should be listed');
    // The DevTools protocol's drag events stand in for the mouse (Chrome starts no native drag from synthetic input).
    await panel.setDragInterception(true);
    await alicesCall.dragAndDrop(bobsCall);
    await panel.waitForSelector('[data-testid="call"]', { hidden: true, timeout: 15_000 });
    await expectTalking(alice, null);
    await expectTalking(bob, 'alice');
  });

  it('by dragging: a call dropped onto a number of the history goes there', async () => {
    // A call to Bob earlier puts him in the history.
    await callAndAnswer(panel, bob, 'bob');
    await panel.click('[aria-label="bob"] [data-action="hang-up"]');
    await panel.waitForSelector('[aria-label="bob"]', { hidden: true, timeout: 15_000 });
    await panel.click('[data-testid="open-history"]');
    await panel.click('[data-testid="call-history"] [data-filter="placed"]');
    const row = await panel.waitForSelector('[data-testid="history-row"]', { timeout: 15_000 });
    const alicesCall = await panel.$('[aria-label="alice"]');
    if (row === null || alicesCall === null) throw new Error('the call and the history row should be there');
    await panel.setDragInterception(true);
    await alicesCall.dragAndDrop(row);
    await bob.evaluate(() => window.peer.waitForIncoming(10_000));
    await bob.evaluate(() => window.peer.answer());
    await panel.waitForSelector('[data-testid="call"]', { hidden: true, timeout: 15_000 });
    await expectTalking(alice, null);
    await expectTalking(bob, 'alice');
  });
});

// Puppeteer polls on animation frames by default, which a background tab never draws.
const POLL = { polling: 100 };
