/**
 * The whole lab office (PBX, colleagues with real audio, voicemail, feature codes) for end-to-end tests, with the
 * small scripted office of `test/fixtures/lab-office.json` (colleagues answer at once, no random callers).
 */
import { fileURLToPath } from 'node:url';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll } from 'vitest';
import { createLabLogger } from '../../lab/src/log.ts';
import { startLab, type RunningLab } from '../../lab/src/start-lab.ts';
import { logIn, waitForText } from './console-page.ts';
import { useExtensionSession, type ExtensionSession } from './extension-browser.ts';

const OFFICE = fileURLToPath(new URL('../fixtures/lab-office.json', import.meta.url));

export function useLabOffice(): { lab: RunningLab; session: ExtensionSession } {
  const env = {} as { lab: RunningLab; session: ExtensionSession };
  beforeAll(async () => {
    env.lab = await startLab({ officePath: OFFICE, withCallers: false, log: createLabLogger(true) });
  });
  afterAll(async () => {
    await env.lab.stop();
  });
  useExtensionSession(env);
  return env;
}

/** Opens the console and logs in as the office's reception; resolves once registered. */
export async function consoleAtReception({
  lab,
  session,
}: {
  lab: RunningLab;
  session: ExtensionSession;
}): Promise<Page> {
  const panel = await session.openPage('sidepanel.html');
  await panel.waitForSelector('[data-testid="login"]');
  await logIn(panel, {
    serverUrl: lab.webSocketUrl,
    sipAddress: `${lab.office.reception.user}@${lab.office.domain}`,
    password: lab.office.reception.password,
  });
  await waitForText(panel, '[data-testid="registration-status"]', /Registered/);
  return panel;
}
