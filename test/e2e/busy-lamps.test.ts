import { describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { addPersonalContact, replaceText, waitForText } from '../support/console-page.ts';
import { consoleAtReception, labControl, useLabOffice } from '../support/lab-office.ts';

const POLL = { polling: 100, timeout: 15_000 } as const;

/**
 * Busy lamps (issue #14) against the lab PBX, driven as a receptionist does: favourites get lamps that follow their
 * calls, a ringing colleague's call is picked up from the lamp, a call dropped on a lamp is transferred there.
 * (The lab's colleague 203 never answers by herself; 201 answers at once.)
 */
describe('busy lamps on the lab PBX', () => {
  const env = useLabOffice();
  const lab = labControl(env);

  const lampOf = (panel: Page, name: string) =>
    panel.$eval(`[data-testid="favorites"] [aria-label="${name}"] [data-testid="lamp"]`, (lamp) => ({
      state: lamp.getAttribute('data-lamp-state'),
      text: lamp.textContent,
    }));

  const waitForLamp = (panel: Page, name: string, state: string) =>
    panel.waitForFunction(
      (selector, wanted) => document.querySelector(selector)?.getAttribute('data-lamp-state') === wanted,
      POLL,
      `[aria-label="${name}"] [data-testid="lamp"]`,
      state,
    );

  it('lights a favourite as a caller rings her, and picks that call up from the lamp with the caller named', async () => {
    const panel = await consoleAtReception(env);
    await addPersonalContact(panel, 'Chloé Dubois', '203', { isFavorite: true });
    await panel.click('#contacts-tab-favorites');
    await waitForLamp(panel, 'Chloé Dubois', 'idle');
    expect((await lampOf(panel, 'Chloé Dubois')).text).toMatch(/Available/);

    // An outside caller rings Chloé: her lamp rings, with who is calling.
    await lab.post('/parties/trunk/call', { to: '203', as: { name: 'Hôtel Bellevue', number: '+33145678901' } });
    await waitForLamp(panel, 'Chloé Dubois', 'ringing');
    await waitForText(panel, '[aria-label="Chloé Dubois"] [data-testid="lamp"]', /Ringing.*Call from Hôtel Bellevue/);
    await env.session.screenshot(panel, 'busy-lamp-ringing-en');

    // Pick up: the caller is now talking to the receptionist, and Chloé's phone stops ringing.
    await panel.click('[aria-label="Chloé Dubois"] [data-action="contact-pick-up"]');
    await panel.waitForSelector('[data-call-status="Active"]', POLL);
    await waitForText(panel, '[data-testid="call-party"]', /Hôtel Bellevue/);
    await lab.until(async () => (await lab.callsOf('203')).length === 0, "Chloé's phone to stop ringing");
    await lab.until(
      async () => (await lab.callsOf('trunk')).some((call) => call.state === 'Established'),
      'the caller connected',
    );
    await waitForLamp(panel, 'Chloé Dubois', 'idle');
    await panel.click('[data-action="hang-up"]');
    await panel.waitForSelector('[data-testid="call"]', { hidden: true, timeout: 15_000 });
  });

  it('shows a colleague talking, and transfers a call dropped on her tile in the wall of lamps', async () => {
    const panel = await consoleAtReception(env);
    await addPersonalContact(panel, 'Alice Martin', '201', { isFavorite: true });
    await panel.click('#contacts-tab-favorites');
    await waitForLamp(panel, 'Alice Martin', 'idle');
    await panel.click('[data-action="favorites-view"]');
    await panel.waitForSelector('[data-testid="lamp-grid"]');

    // A caller rings the reception, is answered, then dropped on Alice's lamp: she answers, her lamp says talking.
    await lab.post('/parties/trunk/call', { to: 'reception', as: { name: 'Garage Petit', number: '+33612345678' } });
    await panel.waitForSelector('[data-call-status="Alerting"]', POLL);
    await panel.click('[data-action="answer"]');
    await panel.waitForSelector('[data-call-status="Active"]', POLL);
    const tile = await panel.waitForSelector('[data-testid="lamp-tile"][aria-label="Alice Martin"]');
    const call = await panel.$('[data-testid="call"]');
    if (tile === null || call === null) throw new Error('the lamp and the call should be shown');
    await panel.setDragInterception(true);
    await call.dragAndDrop(tile);
    await panel.setDragInterception(false);
    await panel.waitForSelector('[data-testid="call"]', { hidden: true, timeout: 15_000 });
    await waitForLamp(panel, 'Alice Martin', 'talking');
    await waitForText(panel, '[aria-label="Alice Martin"] [data-testid="lamp"]', /On a call/);
    await env.session.screenshot(panel, 'busy-lamp-grid-en');
    expect((await lab.callsOf('201')).some((each) => each.state === 'Established')).toBe(true);
  });
  it('brings back a transferred call the colleague does not answer, ringing "back from" her, after the time set', async () => {
    const panel = await consoleAtReception(env);
    // Settings › Dial plan › Busy lamps: a transfer comes back after 3 s.
    await panel.click('[data-testid="open-settings"]');
    await panel.click('#settings-tab-dial-plan');
    await replaceText(panel, '#settings-transfer-recall', '3');
    await panel.keyboard.press('Tab');
    await waitForText(panel, '[data-testid="global-message"]', /Settings saved/);
    await panel.click('[data-testid="back-to-application"]');

    await lab.post('/parties/trunk/call', { to: 'reception', as: { name: 'Cabinet Roux', number: '+33478123456' } });
    await panel.waitForSelector('[data-call-status="Alerting"]', POLL);
    await panel.click('[data-action="answer"]');
    await panel.waitForSelector('[data-call-status="Active"]', POLL);
    await panel.click('[data-action="transfer"]');
    await panel.type('[data-testid="call-transfer"] input', '203');
    await panel.click('[data-action="transfer-blind"]');
    await waitForText(panel, '[data-testid="call-transferring"]', /Transferring to 203/);
    // Chloé's phone rings with the caller's name; she does not answer.
    await lab.until(async () => (await lab.callsOf('203')).length === 1, "Chloé's phone ringing");
    await waitForText(panel, '[data-testid="call-recalled"]', /Back from 203: no answer/);
    await waitForText(panel, '[data-testid="global-message"]', /No answer: the call is back with you/);
    expect(await panel.$eval('[data-testid="call"]', (card) => card.getAttribute('data-visual-state'))).toBe('ringing');
    await lab.until(async () => (await lab.callsOf('203')).length === 0, "Chloé's phone to stop ringing");
    await env.session.screenshot(panel, 'transfer-recalled-en');

    // Taken back: the receptionist talks to the caller again.
    await panel.click('[data-action="resume"]');
    await panel.waitForSelector('[data-call-status="Active"]', POLL);
    expect(await panel.$('[data-testid="call-recalled"]')).toBeNull();
    await panel.click('[data-action="hang-up"]');
  });
  it('parks a caller on a slot, shows who waits there, and takes them back from the slot with their name', async () => {
    const panel = await consoleAtReception(env);
    // Settings › Services: the PBX's park slots.
    await panel.click('[data-testid="open-settings"]');
    await panel.click('#settings-tab-services');
    await replaceText(panel, '#service-park-slots', '701-703');
    await panel.click('[data-testid="save-services"]');
    await waitForText(panel, '[data-testid="global-message"]', /Settings saved/);
    await panel.click('[data-testid="back-to-application"]');
    await panel.waitForFunction(
      () => document.querySelectorAll('[data-testid="park-slot"][data-visual-state="idle"]').length === 3,
      POLL,
    );

    await lab.post('/parties/trunk/call', { to: 'reception', as: { name: 'Jane Cooper', number: '+442079460958' } });
    await panel.waitForSelector('[data-call-status="Alerting"]', POLL);
    await panel.click('[data-action="answer"]');
    await panel.waitForSelector('[data-call-status="Active"]', POLL);
    await panel.click('[data-slot="702"] [data-action="park-here"]');
    await waitForText(panel, '[data-testid="global-message"]', /Jane Cooper is parked on 702/);
    await panel.waitForSelector('[data-testid="call"]', { hidden: true, timeout: 15_000 });
    await panel.waitForSelector('[data-slot="702"][data-visual-state="parked"]', POLL);
    await waitForText(panel, '[data-slot="702"]', /Jane Cooper/);
    await env.session.screenshot(panel, 'park-slots-en');

    // Taken back from the slot: the caller, with her name and number, talks to the receptionist again.
    await panel.click('[data-slot="702"] [data-action="park-retrieve"]');
    await panel.waitForSelector('[data-call-status="Active"]', POLL);
    await waitForText(panel, '[data-testid="call-party"]', /Jane Cooper/);
    await panel.waitForSelector('[data-slot="702"][data-visual-state="idle"]', POLL);
    // The slot let go of the caller: only the receptionist's call is left.
    await lab.until(async () => (await lab.callsOf('702')).length === 0, 'the slot to be free');
    await panel.click('[data-action="hang-up"]');
  });
});
