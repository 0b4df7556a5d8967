/**
 * One end-to-end phone setup: a SIP server (Kamailio, or the project's lab PBX), the extension in Chromium, and a
 * server for far-end pages. A test file creates it once (`beforeAll`) and a fresh browser per test.
 */
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll } from 'vitest';
import { logIn, waitForText } from './console-page.ts';
import { launchExtension, useExtensionSession, type ExtensionSession } from './extension-browser.ts';
import { Kamailio, KAMAILIO_DOMAIN, KAMAILIO_PASSWORD } from './kamailio.ts';
import { PeerServer } from './peer-page.ts';
import { LabSipServer } from './lab-sip-server.ts';

export interface TestSipServer {
  readonly webSocketUrl: string;
  readonly log?: string;
  requestCount(method: string): number;
  kill(): Promise<void>;
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export class PhoneLab {
  private constructor(
    readonly kamailio: TestSipServer,
    readonly peers: PeerServer,
  ) {}

  static async start(server: 'kamailio' | 'lab' = 'kamailio'): Promise<PhoneLab> {
    return new PhoneLab(
      server === 'kamailio' ? await Kamailio.start() : await LabSipServer.start(),
      await PeerServer.start(),
    );
  }

  account(user: string, password = KAMAILIO_PASSWORD) {
    return { serverUrl: this.kamailio.webSocketUrl, sipAddress: `${user}@${KAMAILIO_DOMAIN}`, password };
  }

  /** Opens the side panel and logs in as `user`; resolves once the line is registered. */
  async openLoggedInConsole(session: ExtensionSession, user = 'reception'): Promise<Page> {
    const panel = await session.openPage('sidepanel.html');
    await panel.waitForSelector('[data-testid="login"]');
    await logIn(panel, this.account(user));
    await waitForText(panel, '[data-testid="registration-status"]', /Registered|Connecté/);
    return panel;
  }

  /** A far end registered as `user`, in the same browser as the extension. */
  openPeer(session: ExtensionSession, user: string): Promise<Page> {
    return this.peers.openPeer(
      session.browser,
      this.kamailio.webSocketUrl,
      `${user}@${KAMAILIO_DOMAIN}`,
      KAMAILIO_PASSWORD,
    );
  }

  async stop(): Promise<void> {
    await this.kamailio.stop();
    await this.peers.close();
  }
}

/**
 * The usual test file: one phone lab for the file, a fresh browser with the extension for each test, and each test
 * failing on any error an extension context logged. Read `env.lab` and `env.session` inside the tests.
 */
export function usePhoneLab(server: 'kamailio' | 'lab' = 'kamailio'): { lab: PhoneLab; session: ExtensionSession } {
  const env = {} as { lab: PhoneLab; session: ExtensionSession };
  beforeAll(async () => {
    env.lab = await PhoneLab.start(server);
  });
  afterAll(async () => {
    await env.lab.stop();
  });
  useExtensionSession(env);
  return env;
}

export { launchExtension };
export type { ExtensionSession };
