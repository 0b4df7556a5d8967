import { describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { waitForText } from '../support/console-page.ts';
import { usePhoneLab } from '../support/phone-lab.ts';

/** Receptionists ring on the speakers and talk on a headset: each sound goes to the device chosen for it. */
describe('audio devices', () => {
  const env = usePhoneLab();

  async function sinkOf(engine: Page, selector: string): Promise<string | null> {
    return engine.evaluate((sel) => document.querySelector<HTMLAudioElement>(sel)?.sinkId ?? null, selector);
  }

  it('rings on the ring device and plays the call on the call device', async () => {
    const alice = await env.lab.openPeer(env.session, 'alice');
    const panel = await env.lab.openLoggedInConsole(env.session);
    await panel.click('[data-testid="open-settings"]');
    await panel.click('#settings-tab-audio');
    await panel.waitForFunction(() => document.querySelectorAll('#settings-ringerId option').length >= 3, {
      polling: 100,
    });
    const outputs = await panel.$$eval('#settings-ringerId option', (options) =>
      options.map((option) => option.value).filter(Boolean),
    );
    const [ringer, speaker] = outputs.length >= 2 ? [outputs[0], outputs[1]] : [outputs[0], outputs[0]];
    await panel.select('#settings-ringerId', ringer as string);
    await waitForText(panel, '[data-testid="global-message"]', /Settings saved/);
    await panel.select('#settings-speakerId', speaker as string);
    await env.session.screenshot(panel, 'settings-audio-en');
    await panel.click('[data-testid="back-to-application"]');

    await alice.evaluate(() => void window.peer.call('sip:reception@env.lab.switchboard'));
    await panel.waitForSelector('[data-action="answer"]');
    const engineTarget = await env.session.browser.waitForTarget(
      (target) => target.url() === env.session.url('offscreen.html'),
    );
    const engine = await engineTarget.asPage();
    await engine.waitForFunction(
      (id) => document.querySelector<HTMLAudioElement>('audio[data-role="ringer"]')?.sinkId === id,
      { polling: 100 },
      ringer,
    );

    await panel.click('[data-action="answer"]');
    await panel.waitForSelector('[data-call-status="Active"]');
    await engine.waitForFunction(
      (id) => document.querySelector<HTMLAudioElement>('audio[data-call-id]')?.sinkId === id,
      { polling: 100 },
      speaker,
    );
    expect(await sinkOf(engine, 'audio[data-call-id]')).toBe(speaker);
  });
});
