import { describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { callAndAnswer, textOf, waitForText } from '../support/console-page.ts';
import { usePhoneLab } from '../support/phone-lab.ts';

const POLL = { polling: 100 };

/** Nothing the receptionist missed is lost: the history, the missed-call count and redial. */
describe('call history', () => {
  const env = usePhoneLab();

  async function badge(panel: Page): Promise<string> {
    return panel.evaluate(() => chrome.action.getBadgeText({}));
  }

  it('counts a missed call on the badge until the history is opened, and calls back from it', async () => {
    const bob = await env.lab.openPeer(env.session, 'bob');
    const panel = await env.lab.openLoggedInConsole(env.session);
    await bob.evaluate(() => void window.peer.call('sip:reception@env.lab.switchboard'));
    await panel.waitForSelector('[data-call-status="Alerting"]');
    expect(await badge(panel)).toBe('1');
    await bob.evaluate(() => window.peer.hangUp());
    await panel.waitForSelector('[data-testid="call"]', { hidden: true });

    await waitForText(panel, '[data-testid="missed-count"]', /^1$/);
    await panel.waitForFunction(async () => (await chrome.action.getBadgeText({})) === '1', POLL);
    await panel.click('[data-testid="open-history"]');
    await panel.waitForSelector('[data-testid="history-row"]');
    expect(await textOf(panel, '[data-testid="history-row"] .history__party')).toBe('bob');
    expect(await textOf(panel, '[data-testid="history-row"] .history__meta')).toMatch(/^Missed · /);
    await env.session.screenshot(panel, 'history-missed-en');
    await panel.waitForSelector('[data-testid="missed-count"]', { hidden: true });
    await panel.waitForFunction(async () => (await chrome.action.getBadgeText({})) === '', POLL);

    await panel.click('[data-action="call-back"]');
    await bob.evaluate(() => window.peer.waitForIncoming(10_000));
    await panel.waitForSelector('[data-call-status="Ringing"], [data-call-status="Dialing"]');
  });

  it('keeps each call once, across a service worker restart, and offers it to redial', async () => {
    const alice = await env.lab.openPeer(env.session, 'alice');
    const panel = await env.lab.openLoggedInConsole(env.session);
    await callAndAnswer(panel, alice, 'alice');
    await panel.waitForSelector('[data-call-status="Active"]');
    // The call ends while the service worker is stopped: the engine keeps the record until it is written.
    await env.session.stopServiceWorker();
    await alice.evaluate(() => window.peer.hangUp());
    await panel.waitForSelector('[data-testid="call"]', { hidden: true });

    await panel.click('[data-testid="open-history"]');
    await panel.click('[data-filter="placed"]');
    await waitForText(panel, '[data-testid="history-row"] .history__meta', /^Answered/);
    expect(await panel.$$('[data-testid="history-row"]')).toHaveLength(1);

    await panel.click('[data-testid="redial"]');
    await panel.click('[role="menuitem"][data-testid="redial-alice"]');
    await alice.evaluate(() => window.peer.waitForIncoming(10_000));
  });
});
