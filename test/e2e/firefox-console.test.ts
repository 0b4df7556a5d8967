import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { fileURLToPath } from 'node:url';
import { createLabLogger } from '../../lab/src/log.ts';
import { startLab, type RunningLab } from '../../lab/src/start-lab.ts';
import { logIn, waitForText } from '../support/console-page.ts';
import { launchFirefox, type FirefoxSession } from '../support/firefox-session.ts';
import { labControl } from '../support/lab-office.ts';

const OFFICE = fileURLToPath(new URL('../fixtures/lab-office.json', import.meta.url));
const POLL = { polling: 100, timeout: 15_000 } as const;

/**
 * The console in Firefox (issue #17): the Firefox build (Manifest V2, the engine in its persistent background page) in
 * Debian's firefox-esr, driven over WebDriver BiDi against the lab office, as a receptionist uses it.
 */
describe('the console in Firefox, on the lab office', () => {
  const env = {} as { lab: RunningLab; firefox: FirefoxSession };
  const lab = labControl(env);
  beforeAll(async () => {
    env.lab = await startLab({ officePath: OFFICE, withCallers: false, log: createLabLogger(true) });
    env.firefox = await launchFirefox();
  });
  afterAll(async () => {
    await env.firefox?.close();
    await env.lab?.stop();
  });

  async function partyAudio(user: string): Promise<{ received: number; dtmf: string } | undefined> {
    const state = (await (await fetch(`${env.lab.controlUrl}/state`)).json()) as {
      parties: { user: string; calls: { audio: { received: number; dtmf: string } }[] }[];
    };
    return state.parties.find((party) => party.user === user)?.calls[0]?.audio;
  }

  async function consoleLoggedIn(options: { xsiUrl?: string } = {}): Promise<Page> {
    const panel = await env.firefox.openPage('sidepanel.html');
    await panel.waitForSelector('[data-testid="login"]');
    await logIn(panel, {
      serverUrl: env.lab.webSocketUrl,
      sipAddress: `${env.lab.office.reception.user}@${env.lab.office.domain}`,
      password: env.lab.office.reception.password,
      ...options,
    });
    await waitForText(panel, '[data-testid="registration-status"]', /Registered/);
    return panel;
  }

  it('logs in, calls a colleague, holds, resumes and hangs up; answers a call', async () => {
    const panel = await consoleLoggedIn();
    await panel.type('#dial-target', '201');
    await panel.keyboard.press('Enter');
    await waitForText(panel, '[data-testid="call-status"]', /Connected/);
    await lab.until(
      async () => (await lab.callsOf('201')).some((call) => call.state === 'Established'),
      'Alice talking',
    );
    // Audio both ways: Firefox's WebRTC hears Alice, and Alice hears the console (Firefox's fake microphone).
    await panel.waitForFunction(async () => {
      const id = document.querySelector('[data-testid="call"]')?.getAttribute('data-call-id');
      const api = (globalThis as unknown as { browser: typeof chrome }).browser;
      const reply = await api.runtime.sendMessage<
        object,
        { value?: { bytesReceived: number; receivedAudioEnergy: number } }
      >({ sb: 1, to: 'background', type: 'call/stats', payload: { callId: id } });
      return (reply.value?.bytesReceived ?? 0) > 4000 && (reply.value?.receivedAudioEnergy ?? 0) > 0.001;
    }, POLL);
    await lab.until(async () => ((await partyAudio('201'))?.received ?? 0) > 1000, 'Alice hearing the console');
    // Keypad digits reach Alice as RFC 4733 events.
    await panel.click('[data-action="keypad"]');
    for (const digit of ['4', '2', '#']) await panel.click(`[data-digit="${digit}"]`);
    await lab.until(async () => (await partyAudio('201'))?.dtmf === '42#', 'Alice receiving 42#');
    await panel.click('[data-action="hold"]');
    await panel.waitForSelector('[data-call-status="Held"]', POLL);
    await panel.click('[data-action="resume"]');
    await panel.waitForSelector('[data-call-status="Active"]', POLL);
    await panel.click('[data-action="hang-up"]');
    await panel.waitForSelector('[data-testid="call"]', { hidden: true, ...POLL });
    await lab.until(async () => (await lab.callsOf('201')).length === 0, 'Alice hung up');

    // Bruno calls the reception: it rings in the console, which answers.
    await lab.post('/parties/202/call', { to: env.lab.office.reception.user });
    await panel.waitForSelector('[data-call-status="Alerting"]', POLL);
    await panel.click('[data-action="answer"]');
    await waitForText(panel, '[data-testid="call-status"]', /Connected/);
    await panel.click('[data-action="hang-up"]');
    await panel.waitForSelector('[data-testid="call"]', { hidden: true, ...POLL });
    expect(env.firefox.output()).toContain('settings restored; resuming the phone line');
  });
});
