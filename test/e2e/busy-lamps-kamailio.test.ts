import { describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { addPersonalContact, waitForText } from '../support/console-page.ts';
import { expectTalking } from '../support/peer-audio.ts';
import { usePhoneLab } from '../support/phone-lab.ts';

const POLL = { polling: 100, timeout: 15_000 } as const;

/**
 * Busy lamps (issue #14) against Kamailio — presence and pua_dialoginfo, a PBX we did not write — with sip.js peers
 * as colleagues: the lamp follows a colleague's call, and the receptionist picks up a call ringing at them.
 */
describe('busy lamps on Kamailio', () => {
  const env = usePhoneLab();

  const waitForLamp = (panel: Page, name: string, state: string) =>
    panel.waitForFunction(
      (selector, wanted) => document.querySelector(selector)?.getAttribute('data-lamp-state') === wanted,
      POLL,
      `[data-testid="favorites"] [aria-label="${name}"] [data-testid="lamp"]`,
      state,
    );

  it("follows a colleague's calls on the lamp, and picks up the call ringing there", async () => {
    const alice = await env.lab.openPeer(env.session, 'alice');
    const bob = await env.lab.openPeer(env.session, 'bob');
    const panel = await env.lab.openLoggedInConsole(env.session);
    await addPersonalContact(panel, 'Alice Roux', 'alice');
    await addPersonalContact(panel, 'Bob Lenoir', 'bob', { isFavorite: true });
    await panel.click('#contacts-tab-favorites');
    await waitForLamp(panel, 'Bob Lenoir', 'idle');

    // Alice calls Bob, who answers, then hangs up: ringing, talking, idle. Kamailio says only "sip:alice@…": the
    // console names her from the directory.
    await alice.evaluate(() => void window.peer.call('sip:bob@lab.switchboard'));
    await waitForLamp(panel, 'Bob Lenoir', 'ringing');
    await waitForText(panel, '[aria-label="Bob Lenoir"] [data-testid="lamp"]', /Call from Alice Roux/);
    await bob.evaluate(() => window.peer.waitForIncoming(10_000));
    await bob.evaluate(() => window.peer.answer());
    await waitForLamp(panel, 'Bob Lenoir', 'talking');
    await waitForText(panel, '[aria-label="Bob Lenoir"] [data-testid="lamp"]', /with Alice Roux/);
    await bob.evaluate(() => window.peer.hangUp());
    await waitForLamp(panel, 'Bob Lenoir', 'idle');

    // Alice calls Bob again; the receptionist picks it up from the lamp (INVITE with Replaces to Alice).
    await alice.evaluate(() => void window.peer.call('sip:bob@lab.switchboard'));
    await bob.evaluate(() => window.peer.waitForIncoming(10_000));
    await panel.waitForSelector('[aria-label="Bob Lenoir"] [data-action="contact-pick-up"]', POLL);
    await panel.click('[aria-label="Bob Lenoir"] [data-action="contact-pick-up"]');
    await panel.waitForSelector('[data-call-status="Active"]', POLL);
    await expectTalking(alice, 'reception');
    await waitForLamp(panel, 'Bob Lenoir', 'idle');
    expect(await bob.evaluate(() => window.peer.sessionState())).not.toBe('Established');
    await panel.click('[data-action="hang-up"]');
  });
});
