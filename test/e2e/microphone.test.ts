import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { launchExtension, type ExtensionSession } from '../support/extension-browser.ts';

/** No side panel, popup or offscreen document can show the microphone prompt: our own page asks, once. */
describe('the microphone', () => {
  let session: ExtensionSession;

  beforeEach(async () => {
    session = await launchExtension({ acceptsMicrophonePrompts: false, keepsWelcomePage: true });
  });
  afterEach(async () => {
    try {
      session.assertNoErrors();
    } finally {
      await session.close();
    }
  });

  it('is asked for on a welcome page opened at install, and the console stops warning once it is allowed', async () => {
    const welcomeTarget = await session.browser.waitForTarget((target) => target.url() === session.url('welcome.html'));
    const welcome = await welcomeTarget.asPage();

    const panel = await session.openPage('sidepanel.html');
    await panel.waitForSelector('[data-testid="microphone-banner"]');
    await session.screenshot(panel, 'microphone-missing-en');

    await welcome.bringToFront();
    await welcome.waitForSelector('[data-testid="allow-microphone"]');
    await session.screenshot(welcome, 'welcome-en');
    // Headless, the browser's prompt is dismissed: the page says how to allow it instead.
    await welcome.click('[data-testid="allow-microphone"]');
    await welcome.waitForSelector('.field-error');
    expect(await welcome.$eval('.field-error', (element) => element.textContent)).toMatch(/refused the microphone/);
    // The receptionist allows it in the site settings: the page and the console follow at once.
    await session.browser.defaultBrowserContext().overridePermissions(session.url(''), ['microphone']);
    await welcome.waitForSelector('[data-testid="microphone-granted"]');

    await panel.bringToFront();
    await panel.waitForSelector('[data-testid="microphone-banner"]', { hidden: true });
    expect(await panel.evaluate(async () => (await navigator.permissions.query({ name: 'microphone' })).state)).toBe(
      'granted',
    );
  });

  it('opens the welcome page again from the console', async () => {
    const panel = await session.openPage('sidepanel.html');
    await panel.waitForSelector('[data-testid="grant-microphone"]');
    const welcomePages = () =>
      session.browser.targets().filter((target) => target.url() === session.url('welcome.html')).length;
    const before = welcomePages();
    await panel.click('[data-testid="grant-microphone"]');
    const deadline = Date.now() + 10_000;
    while (welcomePages() === before && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(welcomePages()).toBe(before + 1);
  });
});
