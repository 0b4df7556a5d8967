import { describe, expect, it } from 'vitest';
import { waitForText } from '../support/console-page.ts';
import { consoleAtReception, labControl, useLabOffice } from '../support/lab-office.ts';

/**
 * Voicemail and park against the lab PBX: the message-waiting indicator (message-summary, RFC 3842), transfer to a
 * colleague's voicemail, and park (both blind transfers to the PBX's feature codes).
 */
describe('voicemail and park on the lab PBX', () => {
  const env = useLabOffice();

  const lab = labControl(env);
  const control = lab.post;
  const callsOf = lab.callsOf;
  const until = (condition: () => Promise<boolean>) => lab.until(condition, 'the lab');

  it('counts the message a caller leaves, and a click on it calls voicemail, which marks it heard', async () => {
    const panel = await consoleAtReception(env);
    // The server has said: no message. Nothing shows.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await panel.$('[data-testid="message-waiting"]')).toBeNull();

    // A colleague leaves a message in the reception's box, then hangs up.
    const { id } = (await control('/parties/201/call', { to: 'vm-reception' })) as { id: string };
    await until(async () => (await callsOf('201')).some((call) => call.id === id && call.state === 'Established'));
    await control(`/parties/201/calls/${encodeURIComponent(id)}/hang-up`);
    await waitForText(panel, '[data-testid="message-waiting"]', /1/);
    expect(await panel.$eval('[data-testid="message-waiting"]', (button) => button.getAttribute('aria-label'))).toMatch(
      /^1 new voicemail —/,
    );
    await env.session.screenshot(panel, 'message-waiting-en');

    // One click calls voicemail (*97, which the lab answers); listening makes the message heard.
    await panel.click('[data-testid="message-waiting"]');
    await panel.waitForSelector('[data-call-status="Active"]', { timeout: 15_000 });
    await panel.waitForSelector('[data-testid="message-waiting"]', { hidden: true, timeout: 15_000 });
    await panel.click('[data-action="hang-up"]');
  });

  async function answeredCallFrom(user: string) {
    const panel = await consoleAtReception(env);
    await control(`/parties/${user}/call`, { to: 'reception' });
    await panel.waitForSelector('[data-call-status="Alerting"]', { timeout: 15_000 });
    await panel.click('[data-action="answer"]');
    await panel.waitForSelector('[data-call-status="Active"]', { timeout: 15_000 });
    return panel;
  }

  it('transfers a caller straight to a colleague’s voicemail', async () => {
    const panel = await answeredCallFrom('201');
    await panel.click('[data-action="transfer"]');
    await panel.type('[data-testid="call-transfer"] input', '202');
    await panel.click('[data-action="transfer-voicemail"]');
    await panel.waitForSelector('[data-testid="call"]', { hidden: true, timeout: 15_000 });
    // The caller is now with the voicemail service for 202 (the transfer-to-voicemail code and the extension).
    await until(async () =>
      (await callsOf('201')).some((call) => call.peer === '*55202' && call.state === 'Established'),
    );
  });

  it('parks a caller on the PBX’s park code', async () => {
    const panel = await answeredCallFrom('202');
    await panel.click('[data-testid="call-more"]');
    await panel.click('[data-action="park"]');
    await waitForText(panel, '[data-testid="global-message"]', /is parked/);
    await panel.waitForSelector('[data-testid="call"]', { hidden: true, timeout: 15_000 });
    await until(async () => (await callsOf('202')).some((call) => call.peer === '*68' && call.state === 'Established'));
  });
});
