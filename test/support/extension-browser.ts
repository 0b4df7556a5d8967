/**
 * The end-to-end harness: Debian's Chromium with the built extension, driven as a user would drive it. Every test
 * file starts one with `launchExtension()`; `assertNoErrors()` fails the test on any uncaught error or console error
 * in any extension context (service worker, offscreen document, pages), unless the test said it expects it.
 */
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach } from 'vitest';
import puppeteer, {
  CDPSessionEvent,
  TargetType,
  type Browser,
  type CDPSession,
  type Page,
  type Protocol,
  type Target,
} from 'puppeteer-core';
import { CHROMIUM_BASE_ARGS, CHROMIUM_MEDIA_ARGS, CHROMIUM_PATH } from './chromium.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const CHROME_BUILD = join(ROOT, 'dist/chrome');
export const ARTIFACTS = join(ROOT, 'test/artifacts');

export interface LogLine {
  readonly context: string;
  readonly level: string;
  readonly text: string;
}

export interface LaunchOptions {
  /** The browser's UI language (`--lang`), which the console follows when its language setting is "auto". */
  readonly lang?: string;
  /**
   * Whether microphone prompts are accepted by themselves (Chromium's fake media UI), as if the receptionist had
   * allowed the microphone at install. False: every prompt is dismissed, as a user closing it would.
   */
  readonly acceptsMicrophonePrompts?: boolean;
  /** False: no fake audio device, so the browser sees the machine's own inputs (none here), as on a PC without one. */
  readonly hasMicrophone?: boolean;
  /** Keep the welcome page the install opens (closed by default, as a receptionist does once the microphone is set). */
  readonly keepsWelcomePage?: boolean;
  /** A profile to start with (a browser restart): the extension is then already installed, and the profile kept. */
  readonly profileDir?: string;
  /**
   * Sites (match patterns) the receptionist has allowed click-to-call on. Chrome's permission prompt cannot be
   * clicked by automation, so the build under test is a copy whose manifest already holds these sites: the state the
   * browser is in once the receptionist has said yes. Everything after the grant is the extension's own code.
   */
  readonly grantedSites?: readonly string[];
  /** Other unpacked extensions installed beside ours (another extension of the receptionist's browser). */
  readonly otherExtensions?: readonly string[];
}

/** The service worker as a test reaches it: a function run there, its result (a JSON value) given back. */
export interface ServiceWorkerHandle {
  evaluate<T>(work: () => T | Promise<T>): Promise<T>;
}

export class ExtensionSession {
  readonly logs: LogLine[] = [];
  readonly errors: LogLine[] = [];
  readonly #expected: RegExp[] = [];
  readonly #attached = new WeakSet<Target>();
  /** The DevTools session kept on each service worker target: its logs, and its word to run after each restart. */
  readonly #workerSessions = new WeakMap<Target, Promise<CDPSession>>();

  private constructor(
    readonly browser: Browser,
    readonly extensionId: string,
    readonly profileDir: string,
    private readonly ownsProfile: boolean,
  ) {}

  static async launch(options: LaunchOptions = {}): Promise<ExtensionSession> {
    const isRestart = options.profileDir !== undefined && (await readdir(options.profileDir)).length > 0;
    const profileDir = options.profileDir ?? (await mkdtemp(join(tmpdir(), 'switchboard-profile-')));
    const build = options.grantedSites === undefined ? CHROME_BUILD : await buildWithGrantedSites(options.grantedSites);
    const extensions = [build, ...(options.otherExtensions ?? [])].join(',');
    const browser = await puppeteer.launch({
      executablePath: CHROMIUM_PATH,
      headless: true,
      userDataDir: profileDir,
      args: [
        ...CHROMIUM_BASE_ARGS,
        ...CHROMIUM_MEDIA_ARGS.filter(
          (arg) =>
            (options.acceptsMicrophonePrompts !== false || arg !== '--use-fake-ui-for-media-stream') &&
            (options.hasMicrophone !== false || arg !== '--use-fake-device-for-media-stream'),
        ),
        `--disable-extensions-except=${extensions}`,
        `--load-extension=${extensions}`,
        `--lang=${options.lang ?? 'en-US'}`,
      ],
      env: { ...process.env, LANGUAGE: options.lang ?? 'en-US' },
      ignoreDefaultArgs: ['--disable-extensions'],
    });
    const worker = await browser.waitForTarget(
      (target) => target.type() === TargetType.SERVICE_WORKER && target.url().endsWith('/background.js'),
      {
        timeout: 15_000,
      },
    );
    const extensionId = new URL(worker.url()).host;
    // A fresh profile is a first install, which opens the welcome page: wait for it, so it cannot come to the front
    // later over the page a test is driving. A restart opens none.
    if (!isRestart) await ExtensionSession.#closeWelcomePage(browser, extensionId, options);
    await ExtensionSession.#letWaitingWorkersRun(browser);
    const session = new ExtensionSession(browser, extensionId, profileDir, options.profileDir === undefined);
    browser.on('targetcreated', (target: Target) => void session.#attach(target));
    // Pages start at about:blank and only then navigate to their extension URL.
    browser.on('targetchanged', (target: Target) => void session.#attach(target));
    for (const target of browser.targets()) await session.#attach(target);
    return session;
  }

  /**
   * A service worker starting while the harness attaches to it by hand (the session kept on it, see `#watchWorker`)
   * can be left paused for a debugger forever: puppeteer ignores the automatic attachments that hold the pause — the
   * browser's, and one of each extension page in the worker's scope (puppeteer#9995, crbug.com/1371432). Every
   * service worker that waits so is told to run.
   */
  static async #letWaitingWorkersRun(browser: Browser): Promise<void> {
    const connection = (await browser.target().createCDPSession()).connection();
    if (connection === undefined) throw new Error('no DevTools connection to the browser');
    const letRun = (event: Protocol.Target.AttachedToTargetEvent) => {
      if (event.targetInfo.type !== 'service_worker' || !event.waitingForDebugger) return;
      // Puppeteer has usually said it already, and detached: then the session is gone, and nothing is left to do.
      void connection
        .session(event.sessionId)
        ?.send('Runtime.runIfWaitingForDebugger')
        .catch(() => undefined);
    };
    connection.on('Target.attachedToTarget', letRun);
    connection.on(CDPSessionEvent.SessionAttached, (session: CDPSession) =>
      session.on('Target.attachedToTarget', letRun),
    );
  }

  static async #closeWelcomePage(browser: Browser, extensionId: string, options: LaunchOptions): Promise<void> {
    const welcome = await browser.waitForTarget(
      (target) => target.url() === `chrome-extension://${extensionId}/welcome.html`,
      {
        timeout: 15_000,
      },
    );
    // While that tab (opened by the service worker) is open, stopping the worker the way the tests do (closing its
    // DevTools target) leaves it unable to start again; close it unless the test is about it.
    if (options.keepsWelcomePage !== true) await (await welcome.asPage()).close();
  }

  url(path: string): string {
    return `chrome-extension://${this.extensionId}/${path}`;
  }

  /** Opens an extension page (side panel, popup, settings…) in a tab, the way the tests look at views. */
  async openPage(path: string, viewport = { width: 400, height: 800 }): Promise<Page> {
    const page = await this.browser.newPage();
    await page.setViewport(viewport);
    await page.goto(this.url(path), { waitUntil: 'load' });
    return page;
  }

  /** The service worker running now, reached through the session kept on its target. */
  serviceWorker(): ServiceWorkerHandle {
    return { evaluate: async (work) => evaluateIn(await this.#sessionOnServiceWorker(), work) };
  }

  /** The session kept on the service worker's target (see `#watchWorker`), once the harness has attached to it. */
  async #sessionOnServiceWorker(): Promise<CDPSession> {
    const target = await this.browser.waitForTarget(
      (candidate) => candidate.type() === TargetType.SERVICE_WORKER && candidate.url() === this.url('background.js'),
    );
    if (!this.#workerSessions.has(target)) await this.#attach(target);
    const session = await this.#workerSessions.get(target);
    if (session === undefined) throw new Error('no DevTools session on the service worker');
    return session;
  }

  /**
   * Stops the extension's service worker, as Chrome does when it is idle (the way Chrome's docs test it: closing its
   * DevTools target). The session kept on the target stays: Chrome keeps the target for the worker's next start, and
   * the session lets it run (see `#watchWorker`).
   */
  async stopServiceWorker(): Promise<void> {
    const session = await this.#sessionOnServiceWorker();
    const { targetInfo } = await session.send('Target.getTargetInfo');
    await session.connection()?.send('Target.closeTarget', { targetId: targetInfo.targetId });
  }

  /** The page hosting the phone engine (Chrome's offscreen document), as a DevTools target. */
  async engineHost(): Promise<Target> {
    return this.browser.waitForTarget((candidate) => candidate.url() === this.url('offscreen.html'));
  }

  /** Closes the engine's page from outside (DevTools' `Target.closeTarget`), as the browser closing it would. */
  async closeEngineHost(): Promise<void> {
    const target = await this.engineHost();
    await (await target.asPage()).close();
    await this.#untilGone(target);
  }

  /**
   * Crashes the engine's page (DevTools' `Page.crash`): its renderer process goes, and with it every context of the
   * extension that shares it (the worker, the console). Chrome then stops the extension until it is reloaded or the
   * browser started again.
   */
  async crashEngineHost(): Promise<void> {
    const target = await this.engineHost();
    const cdp = await target.createCDPSession();
    // The page dies before it could answer: the command's own outcome means nothing.
    void cdp.send('Page.crash').catch(() => undefined);
    await this.#untilGone(target);
  }

  async #untilGone(target: Target): Promise<void> {
    for (let tries = 0; tries < 200 && this.browser.targets().includes(target); tries++) await sleep(50);
  }

  /** Says that log lines matching `pattern` are expected (a refused password, an unreachable server…). */
  expectError(pattern: RegExp): void {
    this.#expected.push(pattern);
  }

  unexpectedErrors(): LogLine[] {
    return this.errors.filter((line) => !this.#expected.some((pattern) => pattern.test(line.text)));
  }

  assertNoErrors(): void {
    const unexpected = this.unexpectedErrors();
    if (unexpected.length > 0) {
      throw new Error(
        `errors in extension contexts:\n${unexpected.map((line) => `[${line.context}] ${line.text}`).join('\n')}`,
      );
    }
  }

  /** Waits until a log line from any extension context matches. */
  async waitForLog(pattern: RegExp, timeoutMs = 10_000): Promise<LogLine> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const line = this.logs.find((entry) => pattern.test(entry.text));
      if (line !== undefined) return line;
      if (Date.now() > deadline) throw new Error(`no log line matched ${pattern}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  async screenshot(page: Page, name: string): Promise<void> {
    await mkdir(ARTIFACTS, { recursive: true });
    const path = join(ARTIFACTS, `${name}.png`);
    await mkdir(dirname(path), { recursive: true });
    await page.screenshot({ path: path, fullPage: true });
  }

  /** Closes the browser; the profile is deleted unless the test passed it in (to start the browser again on it). */
  async close(): Promise<void> {
    await this.browser.close();
    if (this.ownsProfile) await rm(this.profileDir, { recursive: true, force: true });
  }

  /**
   * Keeps a DevTools session on the service worker's target for the whole test. When the worker stops under an
   * attached session, Chrome keeps its target, starts the next worker under it and waits for the session's word to
   * run it (`Inspector.targetReloadedAfterCrash`), which the session gives: its logs then go on across stops. A session
   * that detached at each stop, as puppeteer's does, left the next worker now and then waiting for a word that never
   * came (the console never connected again), or a target whose worker could no longer be evaluated.
   */
  #watchWorker(target: Target, record: (level: string, text: string) => void): Promise<CDPSession> {
    const watching = this.#keepSessionOn(target, record);
    this.#workerSessions.set(target, watching);
    return watching;
  }

  async #keepSessionOn(target: Target, record: (level: string, text: string) => void): Promise<CDPSession> {
    const session = await target.createCDPSession();
    const letRun = () => void session.send('Runtime.runIfWaitingForDebugger').catch(() => undefined);
    session.on('Inspector.targetReloadedAfterCrash', letRun);
    session.on('Runtime.consoleAPICalled', (event) =>
      record(event.type === 'warning' ? 'warn' : event.type, event.args.map(consoleToken).join(' ')),
    );
    session.on('Runtime.exceptionThrown', ({ exceptionDetails }) =>
      record('error', `uncaught: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`),
    );
    await session.send('Runtime.enable');
    letRun();
    return session;
  }

  async #attach(target: Target): Promise<void> {
    if (this.#attached.has(target) || !target.url().startsWith('chrome-extension://')) return;
    this.#attached.add(target);
    const context = contextName(target);
    const record = (level: string, text: string) => {
      const line = { context, level, text };
      this.logs.push(line);
      if (level === 'error') this.errors.push(line);
    };
    try {
      if (target.type() === TargetType.SERVICE_WORKER) {
        await this.#watchWorker(target, record);
        return;
      }
      const page = await target.asPage();
      page.on('console', (message) => record(message.type(), message.text()));
      page.on('pageerror', (error) => record('error', `uncaught: ${String(error)}`));
    } catch {
      // A target that closed while we attached (a popup, a short-lived page) has nothing left to report.
    }
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Runs `work` through the session; its result comes back as a JSON value. */
async function evaluateIn<T>(session: CDPSession, work: () => T | Promise<T>): Promise<T> {
  const { result, exceptionDetails } = await session.send('Runtime.evaluate', {
    expression: `(${work.toString()})()`,
    awaitPromise: true,
    returnByValue: true,
  });
  if (exceptionDetails !== undefined) {
    throw new Error(`evaluating in a worker: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`);
  }
  return result.value as T;
}

/** One argument of a console call as text, the way puppeteer's console messages write it. */
function consoleToken(argument: Protocol.Runtime.RemoteObject): string {
  if (argument.objectId === undefined) {
    return argument.unserializableValue ?? (argument.type === 'undefined' ? 'undefined' : String(argument.value));
  }
  if (argument.subtype === 'error') return (argument.description ?? '').split('\n')[0] ?? '';
  return `[${argument.subtype ?? argument.type} ${argument.className ?? ''}]`;
}

function contextName(target: Target): string {
  const path = new URL(target.url()).pathname.replace(/^\//, '');
  return `${target.type()}:${path}`;
}

async function buildWithGrantedSites(sites: readonly string[]): Promise<string> {
  const copy = await mkdtemp(join(tmpdir(), 'switchboard-granted-'));
  await cp(CHROME_BUILD, copy, { recursive: true });
  const manifest = JSON.parse(await readFile(join(copy, 'manifest.json'), 'utf8')) as Record<string, unknown>;
  manifest['host_permissions'] = [...sites];
  await writeFile(join(copy, 'manifest.json'), JSON.stringify(manifest));
  return copy;
}

export const launchExtension = (options?: LaunchOptions) => ExtensionSession.launch(options);

/**
 * A fresh browser with the extension for each test of the file, each test failing on any error an extension context
 * logged. The session is `env.session` inside the tests.
 */
export function useExtensionSession<T extends object>(
  env: T & { session?: ExtensionSession },
  options?: LaunchOptions,
): void {
  beforeEach(async () => {
    env.session = await launchExtension(options);
  });
  afterEach(async () => {
    const session = env.session;
    if (session === undefined) return;
    try {
      session.assertNoErrors();
    } finally {
      await session.close();
    }
  });
}
