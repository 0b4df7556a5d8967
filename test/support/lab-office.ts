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

/** The scripted office's lab, started (for a test file that drives its own browser: Firefox). */
export function startLabOffice(): Promise<RunningLab> {
  return startLab({ officePath: OFFICE, withCallers: false, log: createLabLogger(true) });
}

export function useLabOffice(): { lab: RunningLab; session: ExtensionSession } {
  const env = {} as { lab: RunningLab; session: ExtensionSession };
  beforeAll(async () => {
    env.lab = await startLabOffice();
  });
  afterAll(async () => {
    await env.lab.stop();
  });
  useExtensionSession(env);
  return env;
}

/** Opens the console (in Chromium or Firefox) and logs in as the office's reception; resolves once registered. */
export async function consoleAtReception(
  {
    lab,
    session,
  }: {
    lab: RunningLab;
    session: { openPage(path: string): Promise<Page> };
  },
  options: { xsiUrl?: string } = {},
): Promise<Page> {
  const panel = await session.openPage('sidepanel.html');
  await panel.waitForSelector('[data-testid="login"]');
  await logIn(panel, {
    serverUrl: lab.webSocketUrl,
    sipAddress: `${lab.office.reception.user}@${lab.office.domain}`,
    password: lab.office.reception.password,
    ...options,
  });
  await waitForText(panel, '[data-testid="registration-status"]', /Registered/);
  return panel;
}

/** A lab party's call, as the control API reports it. */
export interface LabPartyCall {
  readonly id: string;
  readonly peer: string;
  readonly state: string;
}

/** The lab's control API (`lab/src/control-api.ts`) for a test: script the office, read each party's calls. */
export function labControl(env: { lab: RunningLab }) {
  return {
    /** POSTs to the control API (`/parties/201/call`, …) and returns its answer; anything but 200 fails the test. */
    post: async (path: string, body: unknown = {}): Promise<unknown> => {
      const response = await fetch(`${env.lab.controlUrl}${path}`, { method: 'POST', body: JSON.stringify(body) });
      if (response.status !== 200) throw new Error(`${path}: ${response.status} ${await response.text()}`);
      return response.json();
    },
    /** What a party's first call has carried: audio bytes received, and the DTMF digits it heard. */
    audioOf: async (user: string): Promise<{ received: number; dtmf: string } | undefined> => {
      const state = (await (await fetch(`${env.lab.controlUrl}/state`)).json()) as {
        parties: { user: string; calls: { audio: { received: number; dtmf: string } }[] }[];
      };
      return state.parties.find((party) => party.user === user)?.calls[0]?.audio;
    },
    callsOf: async (user: string): Promise<LabPartyCall[]> => {
      const state = (await (await fetch(`${env.lab.controlUrl}/state`)).json()) as {
        parties: { user: string; calls: LabPartyCall[] }[];
      };
      return state.parties.find((party) => party.user === user)?.calls ?? [];
    },
    until: async (condition: () => Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> => {
      const deadline = Date.now() + timeoutMs;
      while (!(await condition())) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
  };
}
