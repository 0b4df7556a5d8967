import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { launchExtension, type ExtensionSession } from '../support/extension-browser.ts';
import { logIn, replaceText, textOf, waitForText } from '../support/console-page.ts';
import { PhoneLab } from '../support/phone-lab.ts';

// Nothing listens on this port of loopback, so a login there fails at once with "unreachable".
const UNREACHABLE = {
  serverUrl: 'ws://127.0.0.1:59999/ws',
  sipAddress: 'reception@lab.switchboard',
  password: 'secret',
};

describe('the extension in Chromium', () => {
  let session: ExtensionSession;
  let lab: PhoneLab;

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

  it('asks a new receptionist to log in and explains each field that is wrong', async () => {
    const panel = await session.openPage('sidepanel.html');
    await panel.waitForSelector('[data-testid="login"]');
    await session.screenshot(panel, 'login-en');
    await panel.click('[data-testid="login-submit"]');
    await waitForText(panel, '#account-serverUrl-error', /Enter the server address/);
    expect(await textOf(panel, '#account-sipAddress-error')).toMatch(/Enter your SIP address/);
    expect(await textOf(panel, '#account-password-error')).toMatch(/Enter your password/);
    expect(await panel.evaluate(() => document.activeElement?.id)).toBe('account-serverUrl');

    // ws:// is refused for a server on the network: the digest exchange would travel in clear.
    await replaceText(panel, '#account-serverUrl', 'ws://pbx.example.com/ws');
    await replaceText(panel, '#account-sipAddress', 'not an address');
    await panel.click('[data-testid="login-submit"]');
    await waitForText(panel, '#account-serverUrl-error', /wss:\/\//);
    expect(await textOf(panel, '#account-sipAddress-error')).toMatch(/name@example.com/);
    await session.screenshot(panel, 'login-errors-en');
  });

  it('says so in the login form when the server is dead, and stores nothing', async () => {
    session.expectError(/WebSocket connection to 'ws:\/\/127\.0\.0\.1:59999\/ws' failed/);
    const panel = await session.openPage('sidepanel.html');
    await panel.waitForSelector('[data-testid="login"]');
    await logIn(panel, UNREACHABLE);
    await waitForText(panel, '[data-testid="form-error"]', /The server cannot be reached/);
    expect(await panel.$('[data-testid="login"]')).not.toBeNull();
    expect(await panel.evaluate(() => chrome.storage.local.get(null))).toEqual({});
    await session.screenshot(panel, 'login-unreachable-en');
  });

  it('shows the console in its four regions once logged in', async () => {
    const panel = await lab.openLoggedInConsole(session);
    for (const region of ['user-name', 'global-messages', 'call-console', 'queued-calls', 'contacts']) {
      expect(await panel.$(`[data-testid="${region}"]`), region).not.toBeNull();
    }
    expect(await textOf(panel, '[data-testid="user-name"]')).toBe('reception@lab.switchboard');
    expect(await registrationStatusText(panel)).toMatch(/Registered/);
    await session.screenshot(panel, 'console-en');

    // The dial box goes through the background's command path; a target that is no number or address is refused.
    await panel.type('#dial-target', 'call me maybe');
    await panel.keyboard.press('Enter');
    await waitForText(panel, '#dial-error', /This value is not valid/);
    await waitForText(panel, '[data-testid="global-message"]', /This value is not valid/);
  });

  it('opens Settings as a tabbed page, switches to French, and comes back to the application', async () => {
    // Settings is reached from the console's information pane, as a receptionist does after logging in.
    const panel = await lab.openLoggedInConsole(session);
    await panel.click('[data-testid="open-settings"]');
    await panel.waitForSelector('[role="tablist"]');
    expect(await tabNames(panel)).toEqual([
      'General',
      'Services',
      'Account',
      'Audio',
      'Dial plan',
      'Directories',
      'Shortcuts',
      'Web pages',
    ]);
    await session.screenshot(panel, 'settings-general-en');

    await panel.select('#settings-language', 'fr');
    await waitForText(panel, '.settings__header h1', /^Paramètres$/);
    expect(await tabNames(panel)).toEqual([
      'Général',
      'Services',
      'Compte',
      'Audio',
      'Plan de numérotation',
      'Répertoires',
      'Raccourcis',
      'Pages web',
    ]);
    expect(await textOf(panel, '[data-testid="back-to-application"]')).toBe('Retour à l’application');
    await session.screenshot(panel, 'settings-general-fr');

    // Arrow keys move between tabs, as in any tab list.
    await panel.focus('#settings-tab-general');
    await panel.keyboard.press('ArrowRight');
    await panel.keyboard.press('ArrowRight');
    await panel.waitForSelector('[data-testid="account-summary"]');
    expect(await panel.evaluate(() => document.activeElement?.id)).toBe('settings-tab-account');
    await session.screenshot(panel, 'settings-account-fr');

    await panel.click('[data-testid="back-to-application"]');
    await waitForText(panel, '#pane-calls-title', /Console téléphonique/);
    expect(await textOf(panel, '#pane-queues-title')).toBe('Appels en file d’attente');
    await session.screenshot(panel, 'console-fr');

    // Another view opened later takes the same language from the stored setting.
    const popup = await session.openPage('popup.html', { width: 320, height: 400 });
    await waitForText(popup, '[data-testid="open-console"]', /Ouvrir la console/);
    await session.screenshot(popup, 'popup-fr');
  });

  it('shows the line status and a dial box in the popup', async () => {
    const popup = await session.openPage('popup.html', { width: 320, height: 400 });
    await popup.waitForSelector('[data-testid="popup"]');
    expect(await textOf(popup, '[data-testid="registration-status"]')).toMatch(/Not set up/);
    await popup.type('#dial-target', '201');
    await popup.keyboard.press('Enter');
    await waitForText(popup, '#dial-error', /Log in before placing a call/);
    await session.screenshot(popup, 'popup-en');
  });

  it('refuses malformed and unknown messages with a logged reason and changes no state', async () => {
    const panel = await session.openPage('sidepanel.html');
    await panel.waitForSelector('[data-testid="login"]');
    const send = (message: object): Promise<unknown> =>
      panel.evaluate((body) => chrome.runtime.sendMessage(body), message);

    const badPayload = await send({
      sb: 1,
      to: 'background',
      type: 'settings/update-general',
      payload: { language: 'klingon' },
    });
    expect(badPayload).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    await session.waitForLog(/dropped "settings\/update-general" with an invalid payload/);

    const unknown = await send({ sb: 1, to: 'background', type: 'phone/self-destruct', payload: {} });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'invalid-message' } });
    await session.waitForLog(/dropped a message of unknown type "phone\/self-destruct"/);

    const garbage = await send({ hello: 'world' });
    expect(garbage).toMatchObject({ ok: false, error: { code: 'invalid-message' } });
    await session.waitForLog(/dropped a malformed message/);

    // A page may not pose as the engine to write the line's state.
    const spoofed = await send({
      sb: 1,
      to: 'background',
      type: 'engine/state-changed',
      payload: { instanceId: 'x', revision: 99, registration: { status: 'Registered', since: 0 }, calls: [] },
    });
    expect(spoofed).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    const stored = await panel.evaluate(() => chrome.storage.local.get(null));
    expect(stored).toEqual({});
    expect(await textOf(panel, 'h1')).toBe('Log in');
  });

  it('follows the browser language when the setting is automatic', async () => {
    await session.close();
    session = await launchExtension({ lang: 'fr' });
    const panel = await session.openPage('sidepanel.html');
    await waitForText(panel, 'h1', /^Connexion$/);
    expect(await textOf(panel, 'label[for="account-password"]')).toBe('Mot de passe');
    await session.screenshot(panel, 'login-fr');
  });

  it('keeps the console working when the service worker is stopped', async () => {
    const panel = await lab.openLoggedInConsole(session);
    const registers = lab.kamailio.requestCount('REGISTER');
    await session.stopServiceWorker();
    // The panel reconnects by itself; the worker restarts and serves a fresh snapshot with the same state.
    await panel.click('[data-testid="open-settings"]');
    await panel.select('#settings-language', 'fr');
    await waitForText(panel, '.settings__header h1', /^Paramètres$/);
    await panel.click('[data-testid="back-to-application"]');
    await waitForText(panel, '[data-testid="registration-status"]', /Connecté/);
    expect(session.logs.filter((line) => /background started/.test(line.text))).toHaveLength(2);
    // The registration lives in the offscreen document: the worker's restart did not register again.
    expect(lab.kamailio.requestCount('REGISTER')).toBe(registers);
  });
});

async function registrationStatusText(page: Page): Promise<string> {
  return textOf(page, '[data-testid="registration-status"]');
}

async function tabNames(page: Page): Promise<string[]> {
  return page.$$eval('[role="tab"]', (tabs) => tabs.map((tab) => tab.textContent ?? ''));
}
