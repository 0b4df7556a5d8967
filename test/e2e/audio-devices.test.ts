import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { waitForText } from '../support/console-page.ts';
import { launchExtension, PhoneLab, type ExtensionSession } from '../support/phone-lab.ts';

/** Receptionists ring on the speakers and talk on a headset: each sound goes to the device chosen for it. */
describe('audio devices', () => {
  let lab: PhoneLab;
  let session: ExtensionSession;

  beforeAll(async () => {
    lab = await PhoneLab.start();
  });
  afterAll(async () => {
    await lab.stop();
  });
  beforeEach(async () => {
    session = await launchExtension();
  });
  afterEach(async () => {
    try {
      session.assertNoErrors();
    } finally {
      await session.close();
    }
  });

  async function sinkOf(engine: Page, selector: string): Promise<string | null> {
    return engine.evaluate((sel) => document.querySelector<HTMLAudioElement>(sel)?.sinkId ?? null, selector);
  }

  it('rings on the ring device and plays the call on the call device', async () => {
    const alice = await lab.openPeer(session, 'alice');
    const panel = await lab.openLoggedInConsole(session);
    await panel.click('[data-testid="open-settings"]');
    await panel.click('#settings-tab-audio');
    await panel.waitForFunction(() => document.querySelectorAll('#settings-ringerId option').length >= 3, { polling: 100 });
    const outputs = await panel.$$eval('#settings-ringerId option', (options) => options.map((option) => (option).value).filter(Boolean));
    const [ringer, speaker] = outputs.length >= 2 ? [outputs[0], outputs[1]] : [outputs[0], outputs[0]];
    await panel.select('#settings-ringerId', ringer as string);
    await waitForText(panel, '[data-testid="global-message"]', /Settings saved/);
    await panel.select('#settings-speakerId', speaker as string);
    await session.screenshot(panel, 'settings-audio-en');
    await panel.click('[data-testid="back-to-application"]');

    await alice.evaluate(() => void window.peer.call('sip:reception@lab.switchboard'));
    await panel.waitForSelector('[data-action="answer"]');
    const engineTarget = await session.browser.waitForTarget((target) => target.url() === session.url('offscreen.html'));
    const engine = await engineTarget.asPage();
    await engine.waitForFunction((id) => document.querySelector<HTMLAudioElement>('audio[data-role="ringer"]')?.sinkId === id, { polling: 100 }, ringer);

    await panel.click('[data-action="answer"]');
    await panel.waitForSelector('[data-call-status="Active"]');
    await engine.waitForFunction((id) => document.querySelector<HTMLAudioElement>('audio[data-call-id]')?.sinkId === id, { polling: 100 }, speaker);
    expect(await sinkOf(engine, 'audio[data-call-id]')).toBe(speaker);
  });
});
