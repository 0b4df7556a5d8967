import { describe, expect, it } from 'vitest';
import { waitForText } from '../support/console-page.ts';
import { usePhoneLab } from '../support/phone-lab.ts';

const POLL = { polling: 100, timeout: 15_000 } as const;

/** The toolbar popup: line status at a glance, Do Not Disturb, quick dial with recent numbers, and the badge. */
describe('the toolbar popup', () => {
  const env = usePhoneLab();

  it('shows the line, switches Do Not Disturb for the console too, and dials from the recent numbers', async () => {
    const alice = await env.lab.openPeer(env.session, 'alice');
    const panel = await env.lab.openLoggedInConsole(env.session);
    const popup = await env.session.openPage('popup.html', { width: 340, height: 600 });
    await waitForText(popup, '[data-testid="registration-status"]', /Registered/);

    // The popup and the side panel are both in sight at a desk; here they are tabs, and a tab out of sight may put
    // off drawing: each is brought to the front before it is looked at.
    await popup.click('[data-testid="popup-dnd"]');
    await waitForText(popup, '[data-testid="popup-line"]', /Do Not Disturb/);
    await panel.bringToFront();
    await panel.waitForSelector('[data-line-status="dnd"]', POLL);
    await popup.bringToFront();
    await env.session.screenshot(popup, 'popup-dnd-en');
    await popup.click('[data-testid="popup-dnd"]');
    await popup.waitForFunction(
      () => !(document.querySelector('[data-testid="popup-line"]')?.textContent ?? '').includes('Do Not Disturb'),
      POLL,
    );
    await panel.bringToFront();
    await panel.waitForSelector('[data-testid="line-status"]', { ...POLL, hidden: true });
    await popup.bringToFront();

    // A call from the popup's quick dial: the popup counts it in progress.
    await popup.type('#dial-target', 'alice');
    await popup.keyboard.press('Enter');
    await alice.evaluate(() => window.peer.waitForIncoming(10_000));
    await alice.evaluate(() => window.peer.answer());
    await waitForText(popup, '[data-testid="popup-line"]', /Calls in progress: 1/);
    await panel.bringToFront();
    await panel.click('[data-action="hang-up"]');
    await panel.waitForSelector('[data-testid="call"]', { hidden: true });

    // The number just called is offered as the receptionist types in a popup opened afterwards.
    const again = await env.session.openPage('popup.html', { width: 340, height: 600 });
    await again.waitForFunction(
      () => document.querySelector('#dial-suggestions option')?.getAttribute('value') === 'alice',
      POLL,
    );
    expect(await again.$eval('#dial-target', (input) => input.getAttribute('list'))).toBe('dial-suggestions');
  });
});
