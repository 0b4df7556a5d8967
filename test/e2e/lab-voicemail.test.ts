import { describe, expect, it } from 'vitest';
import { waitForText } from '../support/console-page.ts';
import { consoleAtReception, useLabOffice } from '../support/lab-office.ts';

/** The message-waiting indicator against the lab PBX's voicemail (message-summary, RFC 3842). */
describe('voicemail on the lab PBX', () => {
  const env = useLabOffice();

  async function control(path: string, body: unknown = {}): Promise<unknown> {
    const response = await fetch(`${env.lab.controlUrl}${path}`, { method: 'POST', body: JSON.stringify(body) });
    expect(response.status).toBe(200);
    return response.json();
  }

  async function callsOf(user: string): Promise<{ id: string; peer: string; state: string }[]> {
    const state = (await (await fetch(`${env.lab.controlUrl}/state`)).json()) as { parties: { user: string; calls: { id: string; peer: string; state: string }[] }[] };
    return state.parties.find((party) => party.user === user)?.calls ?? [];
  }

  async function until(condition: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(await condition())) {
      if (Date.now() > deadline) throw new Error('timed out');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

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
    expect(await panel.$eval('[data-testid="message-waiting"]', (button) => button.getAttribute('aria-label'))).toMatch(/New voice messages: 1/);
    await env.session.screenshot(panel, 'message-waiting-en');

    // One click calls voicemail (*97, which the lab answers); listening makes the message heard.
    await panel.click('[data-testid="message-waiting"]');
    await panel.waitForSelector('[data-call-status="Active"]', { timeout: 15_000 });
    await panel.waitForSelector('[data-testid="message-waiting"]', { hidden: true, timeout: 15_000 });
    await panel.click('[data-action="hang-up"]');
  });
});
