import { describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { callAndAnswer, replaceText, waitForText } from '../support/console-page.ts';
import { usePhoneLab } from '../support/phone-lab.ts';

/**
 * The information pane's one line-status icon, in all eight combinations of Do Not Disturb, Call Forwarding Always
 * and a call in progress: DND outranks forwarding, which outranks busy; none when idle with no service on.
 */
describe('the line-status icon', () => {
  const env = usePhoneLab();

  async function setServices(panel: Page, dnd: boolean, cfa: boolean): Promise<void> {
    await panel.click('[data-testid="open-settings"]');
    await panel.click('#settings-tab-services');
    await panel.waitForSelector('[data-testid="services"]');
    const isChecked = (selector: string) => panel.$eval(selector, (input) => (input as HTMLInputElement).checked);
    if ((await isChecked('#service-dnd-active')) !== dnd) await panel.click('#service-dnd-active');
    if ((await isChecked('#service-cfa-active')) !== cfa) await panel.click('#service-cfa-active');
    if (cfa) await replaceText(panel, '#service-cfa-target', 'carol');
    await panel.click('[data-testid="save-services"]');
    await waitForText(panel, '[data-testid="global-message"]', /Settings saved/);
    await panel.click('[data-testid="back-to-application"]');
  }

  // Which icon, and the words it carries as accessible name and tooltip (the same), drawn as SVG, not a glyph.
  const shown = (panel: Page) =>
    panel.$eval('.info-pane__name', (name) => {
      const icon = name.querySelector('[data-testid="line-status"]');
      if (icon === null) return 'none';
      const label = icon.getAttribute('aria-label');
      const drawn = icon.querySelector('svg') !== null && (icon.textContent ?? '').trim() === '';
      return `${icon.getAttribute('data-line-status')} "${label}"${label === icon.getAttribute('title') ? '' : ' (tooltip differs)'}${drawn ? '' : ' (not drawn)'}`;
    });

  it('follows the priority rule in every combination', async () => {
    const alice = await env.lab.openPeer(env.session, 'alice');
    const panel = await env.lab.openLoggedInConsole(env.session);
    const seen: string[] = [];
    for (const busy of [false, true]) {
      if (busy) await callAndAnswer(panel, alice, 'alice');
      for (const dnd of [false, true]) {
        for (const cfa of [false, true]) {
          await setServices(panel, dnd, cfa);
          const expected = dnd ? 'dnd' : cfa ? 'cfa' : busy ? 'busy' : 'none';
          await panel.waitForFunction(
            (value) =>
              (document.querySelector('[data-testid="line-status"]')?.getAttribute('data-line-status') ?? 'none') ===
              value,
            { polling: 100, timeout: 10_000 },
            expected,
          );
          seen.push(`${dnd ? 'DND' : '-'} ${cfa ? 'CFA' : '-'} ${busy ? 'busy' : '-'} → ${await shown(panel)}`);
        }
      }
    }
    expect(seen).toEqual([
      '- - - → none',
      '- CFA - → cfa "Forwarding to carol"',
      'DND - - → dnd "Do Not Disturb"',
      'DND CFA - → dnd "Do Not Disturb"',
      '- - busy → busy "On a call"',
      '- CFA busy → cfa "Forwarding to carol"',
      'DND - busy → dnd "Do Not Disturb"',
      'DND CFA busy → dnd "Do Not Disturb"',
    ]);
  });
});
