/**
 * One end-to-end phone setup: a SIP server (Kamailio, or the project's lab PBX), the extension in Chromium, and a
 * server for far-end pages. A test file creates it once (`beforeAll`) and a fresh browser per test.
 */
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll } from 'vitest';
import { logIn, waitForText } from './console-page.ts';
import {
  launchExtension,
  useExtensionSession,
  type ExtensionSession,
  type LaunchOptions,
} from './extension-browser.ts';
import { Kamailio, KAMAILIO_DOMAIN, KAMAILIO_PASSWORD } from './kamailio.ts';
import { PeerServer } from './peer-page.ts';
import { LabSipServer } from './lab-sip-server.ts';
import { Baresip } from './phones/baresip.ts';
import type { IndependentPhone } from './phones/independent-phone.ts';
import { Linphone } from './phones/linphone.ts';
import { RtpEngine } from './rtpengine.ts';
import { WebPages } from './web-pages.ts';

export interface TestSipServer {
  readonly webSocketUrl: string;
  readonly log?: string;
  requestCount(method: string): number;
  kill(): Promise<void>;
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/** Something that opens the extension's pages: a Chromium or a Firefox session. */
export interface OpensExtensionPages {
  openPage(path: string): Promise<Page>;
}

export class PhoneLab {
  readonly #phones: IndependentPhone[] = [];

  private constructor(
    readonly kamailio: TestSipServer,
    readonly peers: PeerServer,
    private readonly relay: RtpEngine | null = null,
  ) {}

  static async start(server: 'kamailio' | 'lab' = 'kamailio'): Promise<PhoneLab> {
    return new PhoneLab(
      server === 'kamailio' ? await Kamailio.start() : await LabSipServer.start(),
      await PeerServer.start(),
    );
  }

  /** Kamailio that also takes SIP phones over UDP, with rtpengine bridging their plain RTP to the browsers' WebRTC. */
  static async startWithPhones(): Promise<PhoneLab> {
    const relay = await RtpEngine.start();
    try {
      return new PhoneLab(
        await Kamailio.start({ rtpengineControlPort: relay.controlPort }),
        await PeerServer.start(),
        relay,
      );
    } catch (error) {
      await relay.stop();
      throw error;
    }
  }

  /** An independent phone (Debian's baresip or linphone) registered as `user`; stopped with the lab. */
  async startPhone(program: 'baresip' | 'linphone', user: string): Promise<IndependentPhone> {
    if (!(this.kamailio instanceof Kamailio) || this.relay === null)
      throw new Error('independent phones need the lab started with startWithPhones()');
    const account = { user, domain: KAMAILIO_DOMAIN, password: KAMAILIO_PASSWORD, proxy: this.kamailio.udpAddress };
    const phone = program === 'baresip' ? await Baresip.start(account) : await Linphone.start(account);
    this.#phones.push(phone);
    return phone;
  }

  /** What the media relay logged, for a failing test's message. */
  get relayLog(): string {
    return this.relay?.log ?? '';
  }

  account(user: string, password = KAMAILIO_PASSWORD) {
    return { serverUrl: this.kamailio.webSocketUrl, sipAddress: `${user}@${KAMAILIO_DOMAIN}`, password };
  }

  /** Opens the side panel and logs in as `user`; resolves once the line is registered. */
  async openLoggedInConsole(session: OpensExtensionPages, user = 'reception'): Promise<Page> {
    const panel = await session.openPage('sidepanel.html');
    await panel.waitForSelector('[data-testid="login"]');
    await logIn(panel, this.account(user));
    await waitForText(panel, '[data-testid="registration-status"]', /Registered|Connecté/);
    return panel;
  }

  /** A far end registered as `user`, in the browser given (usually the extension's own). */
  openPeer(session: { readonly browser: Browser }, user: string): Promise<Page> {
    return this.peers.openPeer(
      session.browser,
      this.kamailio.webSocketUrl,
      `${user}@${KAMAILIO_DOMAIN}`,
      KAMAILIO_PASSWORD,
    );
  }

  async stop(): Promise<void> {
    await Promise.all(this.#phones.map((phone) => phone.stop()));
    await this.kamailio.stop();
    await this.relay?.stop();
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

/**
 * `usePhoneLab` with Kamailio, plus the test web pages served on 127.0.0.1 (and those `generated` makes, read when the
 * server starts), and each test's browser launched with `options` (the sites granted to click-to-call, other
 * extensions installed). Read `env.pages` too.
 */
export function usePhoneLabWithWebPages(
  options: LaunchOptions,
  generated: () => ReadonlyMap<string, string> = () => new Map(),
): {
  lab: PhoneLab;
  pages: WebPages;
  session: ExtensionSession;
} {
  const env = {} as { lab: PhoneLab; pages: WebPages; session: ExtensionSession };
  beforeAll(async () => {
    env.lab = await PhoneLab.start('kamailio');
    env.pages = await WebPages.start(generated());
  });
  afterAll(async () => {
    await env.lab.stop();
    await env.pages.close();
  });
  useExtensionSession(env, options);
  return env;
}

export { launchExtension };
export type { ExtensionSession };
