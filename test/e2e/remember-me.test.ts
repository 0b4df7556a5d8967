import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { logIn, waitForText } from '../support/console-page.ts';
import { KAMAILIO_PASSWORD } from '../support/kamailio.ts';
import { launchExtension, PhoneLab, type ExtensionSession } from '../support/phone-lab.ts';
import { formsOfSecret, profileFilesHolding } from '../support/profile-files.ts';

/** The password never rests on disk in clear; "remember me" keeps a digest HA1 and logs back in after a restart. */
describe('logging back in after a browser restart', () => {
  let lab: PhoneLab;
  let profileDir: string;
  let session: ExtensionSession | null = null;

  beforeAll(async () => {
    lab = await PhoneLab.start();
  });
  afterAll(async () => {
    await lab.stop();
  });
  beforeEach(async () => {
    profileDir = await mkdtemp(join(tmpdir(), 'switchboard-restart-'));
  });
  afterEach(async () => {
    try {
      session?.assertNoErrors();
    } finally {
      await session?.close();
      session = null;
      await rm(profileDir, { recursive: true, force: true });
    }
  });

  /**
   * Every file of the closed browser's profile (storage, IndexedDB, caches, logs) is read for the password; the
   * account's address, which is stored, must be found, or the scan proved nothing.
   */
  async function expectNoPasswordInProfile(): Promise<void> {
    const address = lab.account('reception').sipAddress;
    const holdingAddress = await profileFilesHolding(profileDir, [Buffer.from(address)]);
    expect(holdingAddress).toContainEqual(expect.stringMatching(/^Default\/Local Extension Settings\//));
    expect(await profileFilesHolding(profileDir, formsOfSecret(KAMAILIO_PASSWORD, address))).toEqual([]);
  }

  async function storedEverywhere(page: Page): Promise<string> {
    return page.evaluate(async () =>
      JSON.stringify([await chrome.storage.local.get(null), await chrome.storage.sync.get(null)]),
    );
  }

  // Two browser starts and a read of the whole profile: a full run's loaded machine once took it past the 60 s default.
  it(
    'with "remember me", keeps only a digest and is registered again without typing anything',
    { timeout: 120_000 },
    async () => {
      session = await launchExtension({ profileDir });
      const panel = await session.openPage('sidepanel.html');
      await panel.waitForSelector('[data-testid="login"]');
      await logIn(panel, { ...lab.account('reception'), rememberMe: true });
      await waitForText(panel, '[data-testid="registration-status"]', /Registered/);
      const stored = await storedEverywhere(panel);
      expect(stored).not.toContain(KAMAILIO_PASSWORD);
      expect(stored).toMatch(/"credential\.remembered":\{[^}]*"ha1":"[0-9a-f]{32}"/);
      session.assertNoErrors();
      await session.close();
      await expectNoPasswordInProfile();

      session = await launchExtension({ profileDir });
      const registers = lab.kamailio.requestCount('REGISTER');
      const again = await session.openPage('sidepanel.html');
      await waitForText(again, '[data-testid="registration-status"]', /Registered/);
      expect(lab.kamailio.requestCount('REGISTER')).toBeGreaterThan(registers);
      await session.screenshot(again, 'remembered-login-en');
    },
  );

  it('without it, asks for the password again, with the account filled in', async () => {
    session = await launchExtension({ profileDir });
    const panel = await session.openPage('sidepanel.html');
    await panel.waitForSelector('[data-testid="login"]');
    await logIn(panel, lab.account('reception'));
    await waitForText(panel, '[data-testid="registration-status"]', /Registered/);
    expect(await storedEverywhere(panel)).not.toMatch(/credential/);
    session.assertNoErrors();
    await session.close();
    await expectNoPasswordInProfile();

    session = await launchExtension({ profileDir });
    const again = await session.openPage('sidepanel.html');
    await again.waitForSelector('[data-testid="login"]');
    expect(await again.$eval('#account-sipAddress', (input) => (input as HTMLInputElement).value)).toBe(
      'reception@lab.switchboard',
    );
    expect(await again.$eval('#account-password', (input) => (input as HTMLInputElement).value)).toBe('');
  });
});
