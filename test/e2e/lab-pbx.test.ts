import { describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import type { CallStats } from '../../src/shared/model/call.ts';
import { callAndAnswer, waitForText } from '../support/console-page.ts';
import { usePhoneLab } from '../support/phone-lab.ts';

const POLL = { polling: 100 };

/** The login-and-call flow through the project's own lab PBX, the second SIP server beside Kamailio. */
describe('the console on the lab PBX', () => {
  const env = usePhoneLab('lab');

  async function ourStats(panel: Page): Promise<CallStats | null> {
    const callId = await panel.$eval('[data-testid="call"]', (element) => element.getAttribute('data-call-id') ?? '');
    const reply = await panel.evaluate(
      (id) =>
        chrome.runtime.sendMessage<object, { ok: boolean; value: CallStats }>({
          sb: 1,
          to: 'background',
          type: 'call/stats',
          payload: { callId: id },
        }),
      callId,
    );
    return reply.ok ? reply.value : null;
  }

  it('logs in, places a call with audio both ways, and takes a call', async () => {
    const alice = await env.lab.openPeer(env.session, 'alice');
    const panel = await env.lab.openLoggedInConsole(env.session);
    await callAndAnswer(panel, alice, 'alice');
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
        return (reply.value?.bytesReceived ?? 0) > 2000 && (reply.value?.bytesSent ?? 0) > 2000;
      },
      { ...POLL, timeout: 10_000 },
    );
    expect((await ourStats(panel))?.bytesReceived).toBeGreaterThan(0);
    await alice.waitForFunction(async () => (await window.peer.audio()).received > 2000, POLL);
    await panel.click('[data-action="hang-up"]');
    await panel.waitForSelector('[data-testid="call"]', { hidden: true });

    await alice.evaluate(() => void window.peer.call('sip:reception@env.lab.switchboard'));
    await panel.waitForSelector('[data-action="answer"]');
    await panel.click('[data-action="answer"]');
    await waitForText(panel, '[data-testid="call-status"]', /Connected/);
    await alice.waitForFunction(() => window.peer.sessionState() === 'Established', POLL);
    expect(env.lab.kamailio.requestCount('INVITE')).toBeGreaterThanOrEqual(2);
  });

  it('puts a caller through to a colleague', async () => {
    const alice = await env.lab.openPeer(env.session, 'alice');
    const bob = await env.lab.openPeer(env.session, 'bob');
    const panel = await env.lab.openLoggedInConsole(env.session);
    await alice.evaluate(() => void window.peer.call('sip:reception@env.lab.switchboard'));
    await panel.waitForSelector('[data-action="answer"]');
    await panel.click('[data-action="answer"]');
    await panel.waitForSelector('[data-call-status="Active"]');
    await panel.click('[data-action="transfer"]');
    await panel.type('[data-testid="call-transfer"] input', 'bob');
    await panel.click('[data-action="transfer-blind"]');
    await bob.evaluate(() => window.peer.waitForIncoming(10_000));
    await bob.evaluate(() => window.peer.answer());
    await panel.waitForSelector('[data-testid="call"]', { hidden: true });
    // Supervised (transfer recall is on): Bob answered the console's call, which Alice's then replaced — Bob talks
    // to Alice, Alice to Bob's own contact.
    await bob.waitForFunction(
      () => window.peer.remoteParty() === 'alice' && window.peer.sessionState() === 'Established',
      POLL,
    );
    await alice.waitForFunction(
      () => window.peer.remoteParty() !== 'reception' && window.peer.sessionState() === 'Established',
      POLL,
    );
  });
});
