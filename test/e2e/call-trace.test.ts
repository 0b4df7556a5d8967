import { describe, expect, it } from 'vitest';
import { waitForText } from '../support/console-page.ts';
import { usePhoneLab } from '../support/phone-lab.ts';

const POLL = { polling: 100, timeout: 15_000 } as const;

/** Call trace: the SIP details of the last incoming calls, and the PBX's malicious-call-trace code. */
describe('call trace', () => {
  const env = usePhoneLab();

  it('lists the last incoming call’s From, P-Asserted-Identity and Call-ID, and dials *57', async () => {
    const bob = await env.lab.openPeer(env.session, 'bob');
    const panel = await env.lab.openLoggedInConsole(env.session);
    await bob.evaluate(
      () =>
        void window.peer.call('sip:reception@lab.switchboard', [
          'P-Asserted-Identity: "Nuisance" <sip:+33899123456@lab.switchboard>',
        ]),
    );
    await panel.waitForSelector('[data-call-status="Alerting"]', POLL);
    await panel.click('[data-action="answer"]');
    await panel.waitForSelector('[data-call-status="Active"]', POLL);
    await bob.evaluate(() => window.peer.hangUp());
    await panel.waitForSelector('[data-testid="call"]', { hidden: true, timeout: 15_000 });

    const invite = (env.lab.kamailio.log ?? '')
      .split('\n')
      .find((line) => line.includes('SB-REQUEST INVITE sip:reception@'));
    const callId = /call-id (\S+)/.exec(invite ?? '')?.[1];
    expect(callId).toBeDefined();

    await panel.click('[data-testid="open-call-trace"]');
    const entry = await waitForText(panel, '[data-testid="call-trace-entry"]', /Call-ID/);
    expect(entry).toContain('sip:bob@lab.switchboard');
    expect(entry).toContain('"Nuisance" <sip:+33899123456@lab.switchboard>');
    expect(entry).toContain(callId ?? 'missing');
    await env.session.screenshot(panel, 'call-trace-en');

    const invitesBefore = env.lab.kamailio.requestCount('INVITE');
    await panel.click('[data-testid="call-trace-send"]');
    const deadline = Date.now() + 10_000;
    while (!(env.lab.kamailio.log ?? '').includes('SB-REQUEST INVITE sip:*57@') && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 100));
    expect(env.lab.kamailio.requestCount('INVITE')).toBeGreaterThan(invitesBefore);
    expect(env.lab.kamailio.log).toContain('SB-REQUEST INVITE sip:*57@');
  });
});
