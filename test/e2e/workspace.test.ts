import { describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { logIn, waitForText } from '../support/console-page.ts';
import { usePhoneLab } from '../support/phone-lab.ts';

const POLL = { polling: 100, timeout: 15_000 } as const;

/** The workspace (the console's layout): asked about at logout, restored at the next login. */
describe('the workspace', () => {
  const env = usePhoneLab();

  const paneOrder = (panel: Page) =>
    panel.$$eval('[data-pane]', (panes) => panes.map((pane) => pane.getAttribute('data-pane')));
  const isFolded = (panel: Page, id: string) =>
    panel.$eval(`[data-testid="fold-${id}"]`, (button) => button.getAttribute('aria-expanded') === 'false');

  async function logInAgain(panel: Page): Promise<void> {
    await panel.waitForSelector('[data-testid="login"]', POLL);
    await logIn(panel, env.lab.account('reception'));
    await waitForText(panel, '[data-testid="registration-status"]', /Registered/);
  }

  it('asks at logout whether to save a changed layout, and restores what was saved', async () => {
    const panel = await env.lab.openLoggedInConsole(env.session);
    expect(await paneOrder(panel)).toEqual(['calls', 'queues', 'contacts']);

    // Fold the queues, bring the contacts above them (from the pane's menu), and make the call console taller by the
    // bar under it.
    await panel.click('[data-testid="fold-queues"]');
    await panel.click('[data-testid="pane-menu-contacts"]');
    await panel.click('[data-testid="move-up-contacts"]');
    const handle = await panel.$('[data-testid="resize-calls"]');
    const box = await handle?.boundingBox();
    if (box === null || box === undefined) throw new Error('no resize bar under the call console');
    await panel.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await panel.mouse.down();
    await panel.mouse.move(box.x + box.width / 2, box.y + box.height / 2 + 120, { steps: 8 });
    await panel.mouse.up();
    await panel.waitForFunction(
      () => document.querySelector<HTMLElement>('#pane-calls-body')?.style.height !== '',
      POLL,
    );
    const height = await panel.$eval('#pane-calls-body', (element) => (element as HTMLElement).style.height);
    expect(await paneOrder(panel)).toEqual(['calls', 'contacts', 'queues']);

    await new Promise((resolve) => setTimeout(resolve, 800));
    await panel.click('[data-testid="logout"]');
    await panel.waitForSelector('[data-testid="logout-dialog"]', POLL);
    await env.session.screenshot(panel, 'logout-save-workspace-en');
    await panel.click('[data-testid="logout-save"]');
    await logInAgain(panel);
    expect(await paneOrder(panel)).toEqual(['calls', 'contacts', 'queues']);
    expect(await isFolded(panel, 'queues')).toBe(true);
    expect(await panel.$eval('#pane-calls-body', (element) => (element as HTMLElement).style.height)).toBe(height);

    // Changed again, and "No": the saved layout comes back at the next login.
    await panel.click('[data-testid="fold-queues"]');
    await panel.click('[data-testid="logout"]');
    await panel.click('[data-testid="logout-discard"]');
    await logInAgain(panel);
    expect(await isFolded(panel, 'queues')).toBe(true);

    // Cancel keeps the receptionist logged in, nothing decided.
    await panel.click('[data-testid="fold-queues"]');
    await panel.click('[data-testid="logout"]');
    await panel.keyboard.press('Escape');
    await panel.waitForSelector('[data-testid="logout-dialog"]', { hidden: true });
    await waitForText(panel, '[data-testid="registration-status"]', /Registered/);
  });

  it('saves without asking when Settings › General says always', async () => {
    const panel = await env.lab.openLoggedInConsole(env.session);
    await panel.click('[data-testid="open-settings"]');
    await panel.click('#settings-always-save-workspace');
    await waitForText(panel, '[data-testid="global-message"]', /Settings saved/);
    await panel.click('[data-testid="back-to-application"]');
    await panel.click('[data-testid="pane-menu-calls"]');
    await panel.click('[data-testid="move-down-calls"]');
    await panel.waitForFunction(
      () => document.querySelector('[data-pane]')?.getAttribute('data-pane') === 'queues',
      POLL,
    );
    await panel.click('[data-testid="logout"]');
    await logInAgain(panel);
    expect(await paneOrder(panel)).toEqual(['queues', 'calls', 'contacts']);
    expect(await panel.$('[data-testid="logout-dialog"]')).toBeNull();
  });
});
