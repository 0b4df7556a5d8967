import { describe, expect, it } from 'vitest';
import type { CallStats } from '../../src/shared/model/call.ts';
import { waitForText } from '../support/console-page.ts';
import { consoleAtReception, labControl, useLabOffice } from '../support/lab-office.ts';

/** Calling a lab colleague is audible: the lab's parties are WebRTC endpoints (werift) that send and receive sound. */
describe('audio with the lab office', () => {
  const env = useLabOffice();
  const lab = labControl(env);

  it('hears a colleague who answers, and the colleague hears the receptionist', async () => {
    const panel = await consoleAtReception(env);
    await panel.type('#dial-target', '201');
    await panel.keyboard.press('Enter');
    await waitForText(panel, '[data-testid="call-status"]', /Connected/);

    await panel.waitForFunction(
      async () => {
        const id = document.querySelector('[data-testid="call"]')?.getAttribute('data-call-id');
        const reply = await chrome.runtime.sendMessage<object, { ok: boolean; value?: CallStats }>({
          sb: 1,
          to: 'background',
          type: 'call/stats',
          payload: { callId: id },
        });
        return (reply.value?.bytesReceived ?? 0) > 4000 && (reply.value?.receivedAudioEnergy ?? 0) > 0.001;
      },
      { polling: 100, timeout: 15_000 },
    );
    const colleague = await lab.audioOf('201');
    expect(colleague?.received).toBeGreaterThan(1000);

    // Keypad digits travel as RFC 4733 events in the audio stream and reach the colleague.
    await panel.click('[data-action="keypad"]');
    for (const digit of ['4', '2', '#']) await panel.click(`[data-digit="${digit}"]`);
    const deadline = Date.now() + 5000;
    while ((await lab.audioOf('201'))?.dtmf !== '42#' && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await lab.audioOf('201'))?.dtmf).toBe('42#');
  });
});
