import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { CHROMIUM_BASE_ARGS, CHROMIUM_MEDIA_ARGS, CHROMIUM_PATH } from '../support/chromium.ts';
import { KAMAILIO_DOMAIN, KAMAILIO_PASSWORD } from '../support/kamailio.ts';
import { replaceText, waitForText } from '../support/console-page.ts';
import { launchExtension, PhoneLab, type ExtensionSession } from '../support/phone-lab.ts';

/**
 * A receptionist whose computer has no microphone, or who refused it: the console says why in words, and every
 * ringing call can still be declined or sent on. The far ends live in a browser of their own, with fake devices.
 */
describe('calls without a microphone', () => {
  let lab: PhoneLab;
  let peers: Browser;
  let session: ExtensionSession | null = null;

  beforeAll(async () => {
    lab = await PhoneLab.start();
    peers = await puppeteer.launch({
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: [...CHROMIUM_BASE_ARGS, ...CHROMIUM_MEDIA_ARGS],
    });
  });
  afterAll(async () => {
    await peers.close();
    await lab.stop();
  });
  afterEach(async () => {
    try {
      session?.assertNoErrors();
    } finally {
      await session?.close();
      session = null;
    }
  });

  const peer = (user: string): Promise<Page> =>
    lab.peers.openPeer(peers, lab.kamailio.webSocketUrl, `${user}@${KAMAILIO_DOMAIN}`, KAMAILIO_PASSWORD);
  const callStatus = (panel: Page) =>
    panel.$eval('[data-testid="call"]', (element) => (element as HTMLElement).dataset['callStatus']);

  it('on a computer with none: answering says so, the call keeps ringing and can be sent on; dialling says so too', async () => {
    session = await launchExtension({ hasMicrophone: false });
    session.expectError(/microphone missing|NotFoundError|Requested device not found/);
    const [alice, bob] = [await peer('alice'), await peer('bob')];
    const panel = await lab.openLoggedInConsole(session);

    await bob.evaluate(() => void window.peer.call(`sip:reception@lab.switchboard`));
    await panel.waitForSelector('[data-testid="call"][data-call-status="Alerting"]');
    await panel.click('[data-action="answer"]');
    await waitForText(panel, '[data-testid="microphone-banner"]', /No microphone found/);
    await waitForText(panel, '[data-testid="global-message"]', /No microphone found/);
    await session.screenshot(panel, 'no-microphone-ringing-en');
    // Nothing answered behind the receptionist's back: still ringing here and at the caller's.
    expect(await callStatus(panel)).toBe('Alerting');
    expect(await bob.evaluate(() => window.peer.sessionState())).toBe('Establishing');

    // Sent on to a colleague, unanswered: the colleague's phone rings with the caller.
    await panel.click('[data-action="transfer"]');
    await replaceText(panel, '.call-transfer input', 'alice');
    await panel.click('[data-action="transfer-blind"]');
    const incoming = await alice.evaluate(() => window.peer.waitForIncoming(10_000));
    expect(incoming.from).toBe('bob');
    await panel.waitForSelector('[data-testid="call"]', { hidden: true });

    // Dialling ends at once with the reason, and leaves no call behind.
    await panel.type('#dial-target', 'alice');
    await panel.keyboard.press('Enter');
    await waitForText(panel, '#dial-error', /No microphone found/);
    expect(await panel.$('[data-testid="call"]')).toBeNull();
    await waitForText(panel, '[data-testid="microphone-banner"]', /No microphone found/);
  });

  it('with the microphone refused: answering says it is blocked and how to allow it, and the caller can be declined', async () => {
    session = await launchExtension({ acceptsMicrophonePrompts: false });
    session.expectError(/microphone blocked|NotAllowedError|Permission denied/);
    const bob = await peer('bob');
    const panel = await lab.openLoggedInConsole(session);
    await bob.evaluate(() => void window.peer.call(`sip:reception@lab.switchboard`));
    await panel.waitForSelector('[data-testid="call"][data-call-status="Alerting"]');
    await panel.click('[data-action="answer"]');
    await waitForText(panel, '[data-testid="global-message"]', /microphone is blocked/);
    await waitForText(panel, '[data-testid="microphone-banner"]', /microphone is blocked/);
    expect(await callStatus(panel)).toBe('Alerting');

    await panel.click('[data-action="hang-up"]');
    await bob.waitForFunction(() => window.peer.sessionState() === 'Terminated', { timeout: 10_000 });
    await panel.waitForSelector('[data-testid="call"]', { hidden: true });
  });
});
