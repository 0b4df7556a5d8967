import { describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { replaceText, waitForText } from '../support/console-page.ts';
import { consoleAtReception, labControl, useLabOffice } from '../support/lab-office.ts';

/** Services kept on the PBX: the console dials the feature codes, and the lab PBX then refuses or forwards calls. */
describe('services on the lab PBX', () => {
  const env = useLabOffice();

  async function saveServices(panel: Page, change: (panel: Page) => Promise<void>): Promise<void> {
    await panel.click('[data-testid="open-settings"]');
    await panel.click('#settings-tab-services');
    await change(panel);
    await panel.click('[data-testid="save-services"]');
    await waitForText(panel, '[data-testid="global-message"]', /Settings saved/);
    await panel.click('[data-testid="back-to-application"]');
    // The feature-code call is answered by the PBX and hung up.
    await panel.waitForSelector('[data-testid="call"]', { hidden: true, timeout: 10_000 });
  }

  async function colleagueCalls(user: string): Promise<void> {
    const response = await fetch(`${env.lab.controlUrl}/parties/${user}/call`, {
      method: 'POST',
      body: JSON.stringify({ to: 'reception' }),
    });
    expect(response.status).toBe(200);
  }

  const { callsOf } = labControl(env);

  it('Do Not Disturb on the PBX: calls are refused there, until it is switched off', async () => {
    const panel = await consoleAtReception(env);
    await saveServices(panel, async (page) => {
      await page.click('#service-dnd-active');
      await page.select('#service-dnd-mode', 'pbx');
    });
    await colleagueCalls('201');
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await panel.$('[data-testid="call"]')).toBeNull();
    expect(await callsOf('201')).toEqual([]);

    await saveServices(panel, (page) => page.click('#service-dnd-active'));
    await colleagueCalls('201');
    await panel.waitForSelector('[data-call-status="Alerting"]');
  });

  it('Call Forwarding Always on the PBX: a call to the reception rings the forward-to colleague', async () => {
    const panel = await consoleAtReception(env);
    await saveServices(panel, async (page) => {
      await page.click('#service-cfa-active');
      await replaceText(page, '#service-cfa-target', '202');
      await page.select('#service-cfa-mode', 'pbx');
    });
    await colleagueCalls('201');
    const deadline = Date.now() + 10_000;
    while (!(await callsOf('202')).some((call) => call.peer === '201') && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await callsOf('202')).map((call) => call.peer)).toContain('201');
    expect(await panel.$('[data-call-status="Alerting"]')).toBeNull();
  });
});
