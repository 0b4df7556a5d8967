import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { ARTIFACTS } from '../support/extension-browser.ts';
import {
  ATTACK_RAN,
  hostilePageCases,
  hostilePages,
  SHOWN_E164,
  type HostileCaseExpectation,
} from '../support/hostile-page-corpus.ts';
import { usePhoneLabWithWebPages } from '../support/phone-lab.ts';
import { reportFigures } from '../support/reliability-figures.ts';
import { TripWire } from '../support/trip-wire.ts';

const POLL = { polling: 100, timeout: 15_000 } as const;
const LINKS = 'a.switchboard-number';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface CaseOutcome {
  readonly id: string;
  readonly expect: HostileCaseExpectation;
  /** The titles of the links the extension made in the case ("Call +33… with Switchboard"). */
  readonly links: string[];
}

/**
 * Hostile web pages against the click-to-call content script (issue #16): the corpus of `hostile-page-corpus.ts`
 * (markup in numbers, other schemes, bidirectional and invisible characters, shadow DOM, frames) is linked, or not,
 * as each case allows; then the page clones, moves, rewrites and fires synthetic events at every link. No payload
 * runs anywhere (a trip wire counts fetches) and Kamailio sees no INVITE, until the receptionist's own click.
 */
describe('hostile web pages', () => {
  let trip: TripWire;
  beforeAll(async () => {
    trip = await TripWire.start();
  });
  afterAll(async () => {
    await trip.close();
  });
  const env = usePhoneLabWithWebPages({ grantedSites: ['http://127.0.0.1/*'] }, () =>
    hostilePages((id) => trip.url(id)),
  );

  async function openHostilePage(): Promise<Page> {
    const page = await env.session.browser.newPage();
    await page.setViewport({ width: 1000, height: 700 });
    await page.goto(env.pages.url('hostile-corpus.html'), { waitUntil: 'load' });
    await page.bringToFront();
    // The control case is linked once the content script has scanned the page.
    await page.waitForSelector(`#markup-after ${LINKS}`, POLL);
    return page;
  }

  it('runs no payload and places no call, whatever the page does; a real click still calls', async () => {
    const panel = await env.lab.openLoggedInConsole(env.session);
    const invitesBefore = env.lab.kamailio.requestCount('INVITE');
    const page = await openHostilePage();
    // The frames' content scripts link their numbers too, then their pages attack by themselves.
    await sleep(2_000);

    const outcomes: CaseOutcome[] = await page.$$eval(
      '.case',
      (cases, links) =>
        cases.map((element) => ({
          id: element.id,
          expect: (element as HTMLElement).dataset['expect'] as HostileCaseExpectation,
          links: Array.from(element.querySelectorAll(links)).map((link) => link.getAttribute('title') ?? ''),
        })),
      LINKS,
    );
    await writeFile(
      join(ARTIFACTS, 'hostile-pages-outcomes.txt'),
      outcomes.map((entry) => `${entry.id} (${entry.expect}): ${entry.links.join(' | ') || 'not linked'}`).join('\n'),
    );
    expect(outcomes.map((entry) => entry.id)).toEqual(hostilePageCases(() => '').map((entry) => entry.id));
    const wrong = outcomes.filter(
      (entry) =>
        (entry.expect === 'not-linked' && entry.links.length > 0) ||
        (entry.expect === 'as-shown' && entry.links.length === 0) ||
        entry.links.some((title) => !title.includes(SHOWN_E164)),
    );
    expect(wrong).toEqual([]);

    await page.evaluate(() => (window as unknown as { attack(): void }).attack());
    await page.waitForFunction(() => (window as unknown as { attacked?: boolean }).attacked === true, POLL);
    await sleep(2_000);
    const invitesByPage = env.lab.kamailio.requestCount('INVITE') - invitesBefore;
    const payloads = trip.hits.filter((hit) => !hit.endsWith(`/${ATTACK_RAN}`));
    expect(payloads).toEqual([]);
    // The control: the page's attack did run (and could reach the trip wire) in the page and its frames.
    expect(trip.hits.filter((hit) => hit.endsWith(`/${ATTACK_RAN}`)).length).toBeGreaterThanOrEqual(2);
    expect(invitesByPage).toBe(0);
    expect(await panel.$('[data-testid="pending-dial"]')).toBeNull();
    expect(await panel.$('[data-testid="call"]')).toBeNull();

    // The receptionist's own click on a fresh page still places the call: the page was hostile, not the extension dead.
    const fresh = await openHostilePage();
    await fresh.hover(`#attribute-payload ${LINKS}`);
    await fresh.click(`#markup-after ${LINKS}`);
    await panel.waitForSelector('[data-testid="call"]', POLL);
    for (let tries = 0; tries < 100 && env.lab.kamailio.requestCount('INVITE') === invitesBefore; tries++)
      await sleep(50);
    expect(env.lab.kamailio.requestCount('INVITE') - invitesBefore).toBeGreaterThan(0);
    await panel.bringToFront();
    // Nobody has that number at this Kamailio: the call fails there, and leaves the console by itself.
    await panel.waitForSelector('[data-testid="call"]', { hidden: true, ...POLL });
    expect(trip.hits.filter((hit) => !hit.endsWith(`/${ATTACK_RAN}`))).toEqual([]);

    await reportFigures('hostile-pages', [
      { name: 'hostile page cases (linked as shown or not at all)', value: outcomes.length, unit: '' },
      { name: 'hostile pages: payloads that ran', value: payloads.length, unit: '', target: 0 },
      { name: 'hostile pages: calls placed without a click', value: invitesByPage, unit: '', target: 0 },
    ]);
  });
});
