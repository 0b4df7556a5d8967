import { describe, expect, it } from 'vitest';
import { waitForText } from '../support/console-page.ts';
import { usePhoneLab } from '../support/phone-lab.ts';

const POLL = { polling: 100, timeout: 15_000 } as const;

/** The call console's own tools: the Dialer's pad, Escape to close, and Settings › Shortcuts. */
describe('console tools', () => {
  const env = usePhoneLab();

  it('dials from the Dialer’s pad, and Escape closes it', async () => {
    const colleague = await env.lab.openPeer(env.session, '201');
    const panel = await env.lab.openLoggedInConsole(env.session);
    await panel.click('[data-testid="open-dialer"]');
    await panel.waitForSelector('[data-testid="dial-pad"]');
    await env.session.screenshot(panel, 'console-dialer-en');
    for (const key of ['2', '0', '1']) await panel.click(`[data-testid="dial-pad"] [data-key="${key}"]`);
    expect(await panel.$eval('#dial-target', (input) => (input as HTMLInputElement).value)).toBe('201');
    await panel.click('[data-testid="dial-box"] button[type="submit"]');
    await colleague.evaluate(() => window.peer.waitForIncoming(10_000));
    await panel.keyboard.press('Escape');
    await panel.waitForSelector('[data-testid="dial-pad"]', { hidden: true });
    await panel.click('[data-action="hang-up"]');
    await panel.waitForSelector('[data-testid="call"]', { hidden: true, timeout: 15_000 });
  });

  it('lists the browser-wide shortcuts with their keys, hold included', async () => {
    const panel = await env.lab.openLoggedInConsole(env.session);
    await panel.click('[data-testid="open-settings"]');
    await panel.click('#settings-tab-shortcuts');
    await panel.waitForSelector('[data-command="hold-resume"]', POLL);
    expect(await panel.$eval('[data-command="answer-call"]', (row) => row.textContent)).toMatch(
      /Answer the ringing call.*Alt\+Shift\+Y/,
    );
    expect(await panel.$eval('[data-command="hold-resume"]', (row) => row.textContent)).toMatch(
      /Hold or resume.*Alt\+Shift\+O/,
    );
    expect(await panel.$eval('[data-command="call-selection"]', (row) => row.textContent)).toMatch(/Not set/);
    await waitForText(panel, '[data-testid="shortcuts"]', /Escape/);
    await env.session.screenshot(panel, 'settings-shortcuts-en');
  });

  it('has a Help page that says what the console does about messages, the line icon and the microphone', async () => {
    const help = await env.session.openPage('help.html');
    const text = await help.$eval('body', (body) => body.textContent ?? '');
    expect(text).toMatch(/“Recent messages”/);
    expect(text).toMatch(/On a call — the red bean/);
    expect(text).toMatch(/Microphone.*Calls that ring are never lost/s);
    expect(text).toMatch(/A call still ringing can be declined or transferred without answering it/);
  });
});
