import { describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { replaceText, waitForText } from '../support/console-page.ts';
import { consoleAtReception, useLabOffice } from '../support/lab-office.ts';

/** Settings › General › Change password, against the lab PBX (whose administrator can change a password). */
describe('changing the password', () => {
  const env = useLabOffice();

  const sessionPassword = (page: Page) =>
    page.evaluate(
      async () =>
        (await chrome.storage.session.get('credential.password'))['credential.password'] as string | undefined,
    );

  /** Back to the console to read the line's state, then to Settings again. */
  async function registeredAgain(panel: Page): Promise<void> {
    await panel.click('[data-testid="back-to-application"]');
    await waitForText(panel, '[data-testid="registration-status"]', /Registered/, 20_000);
    await panel.click('[data-testid="open-settings"]');
    await panel.waitForSelector('[data-testid="change-password"]');
  }

  async function fill(panel: Page, current: string, next: string, confirm: string): Promise<void> {
    await replaceText(panel, '#password-current', current);
    await replaceText(panel, '#password-next', next);
    await replaceText(panel, '#password-confirm', confirm);
    await panel.click('[data-testid="password-save"]');
  }

  it('refuses a wrong current password, a mismatched confirmation and a password the server refuses; keeps the new one once accepted', async () => {
    const panel = await consoleAtReception(env);
    const original = env.lab.office.reception.password;
    await panel.click('[data-testid="open-settings"]');
    await panel.waitForSelector('[data-testid="change-password"]');

    await fill(panel, 'not-my-password', 'brand-new-1', 'brand-new-1');
    await waitForText(panel, '[data-testid="password-current-error"]', /not your current password/);
    expect(await sessionPassword(panel)).toBe(original);

    await fill(panel, original, 'brand-new-1', 'brand-new-2');
    await waitForText(panel, '[data-testid="password-confirm-error"]', /not the same/);
    await env.session.screenshot(panel, 'settings-change-password-en');

    // The PBX still has the old password: the new one is refused, and the line comes back with the old one.
    await fill(panel, original, 'brand-new-1', 'brand-new-1');
    await waitForText(panel, '[data-testid="password-next-error"]', /server refused the new password/, 20_000);
    await registeredAgain(panel);
    expect(await sessionPassword(panel)).toBe(original);

    // Reset only clears the form.
    await panel.click('[data-testid="password-reset"]');
    expect(await panel.$eval('#password-current', (input) => (input as HTMLInputElement).value)).toBe('');

    // The administrator sets it on the PBX; now the console takes it.
    const response = await fetch(`${env.lab.controlUrl}/users/reception/password`, {
      method: 'POST',
      body: JSON.stringify({ password: 'brand-new-1' }),
    });
    expect(response.status).toBe(200);
    await fill(panel, original, 'brand-new-1', 'brand-new-1');
    await waitForText(panel, '[data-testid="global-message"]', /Password changed/, 20_000);
    await registeredAgain(panel);
    expect(await sessionPassword(panel)).toBe('brand-new-1');
  });
});
