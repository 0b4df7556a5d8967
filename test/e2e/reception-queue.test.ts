import { expect, describe, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { waitForText } from '../support/console-page.ts';
import { expectTalking } from '../support/peer-audio.ts';
import { usePhoneLab } from '../support/phone-lab.ts';

const POLL = { polling: 100, timeout: 15_000 } as const;

/**
 * The reception queue for any PBX (issue #15) against Kamailio, which has no call-center queue of its own: the calls
 * ringing at the console wait in its queued-calls pane, the receptionist reorders them and takes any of them, and a
 * caller who waits too long is sent on to a colleague.
 */
describe('the reception queue on Kamailio', () => {
  const env = usePhoneLab();

  const waiting = (panel: Page) =>
    panel.$$eval('[data-queue="reception"] [data-testid="queued-call-name"]', (names) =>
      names.map((name) => name.textContent ?? ''),
    );

  async function untilWaiting(panel: Page, expected: string[]): Promise<void> {
    await panel.waitForFunction(
      (wanted: string) =>
        JSON.stringify(
          Array.from(document.querySelectorAll('[data-queue="reception"] [data-testid="queued-call-name"]')).map(
            (name) => name.textContent,
          ),
        ) === wanted,
      POLL,
      JSON.stringify(expected),
    );
  }

  it('lists ringing callers in a queue, reorders them, takes any of them, and overflows the one left waiting', async () => {
    const alice = await env.lab.openPeer(env.session, 'alice');
    const bob = await env.lab.openPeer(env.session, 'bob');
    const carol = await env.lab.openPeer(env.session, 'carol');
    const panel = await env.lab.openLoggedInConsole(env.session);
    await panel.waitForSelector('[data-testid="queues-need-xsi"]');

    // Settings › Dial plan › Reception queue: on, callers sent on to Carol after 8 s.
    await panel.click('[data-testid="open-settings"]');
    await panel.click('#settings-tab-dial-plan');
    await panel.click('#settings-reception-queue');
    await waitForText(panel, '[data-testid="global-message"]', /Settings saved/);
    await panel.type('#settings-overflow-to', 'carol');
    await panel.click('#settings-overflow-seconds', { count: 3 });
    await panel.type('#settings-overflow-seconds', '8');
    // Leaving a field saves it.
    await panel.click('#settings-reception-queue-hint');
    await panel.click('[data-testid="back-to-application"]');
    await panel.waitForSelector('[data-queue="reception"]');

    // Alice, then Bob, ring the reception: they wait in that order.
    await alice.evaluate(() => void window.peer.call('sip:reception@lab.switchboard'));
    await untilWaiting(panel, ['alice']);
    await bob.evaluate(() => void window.peer.call('sip:reception@lab.switchboard'));
    await untilWaiting(panel, ['alice', 'bob']);
    await waitForText(panel, '[data-queue="reception"] [data-testid="queue-count"]', /2 waiting/);

    // From the keyboard: Alt+Up on Bob's row moves him ahead; then Enter on Alice's row takes her anyway (any order).
    const second = '[data-queue="reception"] [data-testid="queued-call"]:nth-child(2)';
    await panel.focus(second);
    await panel.keyboard.down('Alt');
    await panel.keyboard.press('ArrowUp');
    await panel.keyboard.up('Alt');
    await untilWaiting(panel, ['bob', 'alice']);
    expect(await waiting(panel)).toEqual(['bob', 'alice']);
    await panel.focus(second);
    await panel.keyboard.press('Enter');
    await panel.waitForSelector('[data-call-status="Active"]', POLL);
    await untilWaiting(panel, ['bob']);

    // Bob waits past 8 s: sent on to Carol, whose phone rings with him.
    const incoming = await carol.evaluate(() => window.peer.waitForIncoming(20_000));
    expect(incoming.from).toBe('bob');
    await untilWaiting(panel, []);
    await panel.click('[data-action="hang-up"]');
  });

  it('answers a caller with music while the receptionist talks, and puts them through when taken', async () => {
    const alice = await env.lab.openPeer(env.session, 'alice');
    const bob = await env.lab.openPeer(env.session, 'bob');
    const panel = await env.lab.openLoggedInConsole(env.session);
    await panel.click('[data-testid="open-settings"]');
    await panel.click('#settings-tab-dial-plan');
    await panel.click('#settings-reception-queue');
    await waitForText(panel, '[data-testid="global-message"]', /Settings saved/);
    await panel.click('#settings-reception-queue-music');
    await panel.waitForFunction(
      () => document.querySelector<HTMLInputElement>('#settings-reception-queue-music')?.checked === true,
      POLL,
    );
    await panel.click('[data-testid="back-to-application"]');

    // The receptionist is talking to Alice when Bob calls: Bob is answered at once and hears the console's music,
    // while the receptionist goes on talking to Alice.
    await alice.evaluate(() => void window.peer.call('sip:reception@lab.switchboard'));
    await panel.waitForSelector('[aria-label="alice"] [data-action="answer"]', POLL);
    await panel.click('[aria-label="alice"] [data-action="answer"]');
    await expectTalking(alice, 'reception');
    await bob.evaluate(() => void window.peer.call('sip:reception@lab.switchboard'));
    await untilWaiting(panel, ['bob']);
    await expectTalking(bob, 'reception');
    await panel.waitForSelector('[aria-label="alice"][data-call-status="Active"]', POLL);
    await panel.waitForSelector('[aria-label="bob"][data-call-status="Held"]', POLL);

    // Taken from the queue (Enter on his row): Bob is put through, Alice waits on hold.
    await panel.focus('[data-queue="reception"] [data-testid="queued-call"]');
    await panel.keyboard.press('Enter');
    await panel.waitForSelector('[aria-label="bob"][data-call-status="Active"]', POLL);
    await panel.waitForSelector('[aria-label="alice"][data-call-status="Held"]', POLL);
    await untilWaiting(panel, []);
    await expectTalking(bob, 'reception');
    expect(await bob.evaluate(() => window.peer.sessionState())).toBe('Established');
  });
});
