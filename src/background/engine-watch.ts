import { browser, type Runtime } from '../platform/browser.ts';
import type { Logger } from '../shared/log.ts';
import { RegistrationStatus } from '../shared/model/registration.ts';
import type { LineIntent, PhoneLine } from './phone-line.ts';
import type { StateHub } from './state-hub.ts';

/**
 * Wakes the background while the receptionist is logged in, to check the engine is there: the safety net for a page
 * that went while the background slept (and so heard nothing). Chrome's shortest period.
 */
const ENGINE_WATCH_ALARM = 'engine-watch';
const ENGINE_WATCH_MINUTES = 0.5;

/**
 * Keeps an engine running under a logged-in receptionist where its page can go by itself (Chrome's offscreen
 * document, closed by the browser or crashed): when the page's port closes, or at the next watch alarm, the line is
 * resumed — a new engine, logged in, which writes the calls the old one was in to the history and tells the console
 * (see `call-journal.ts`).
 */
export class EngineWatch {
  #isAlarmSet: boolean | null = null;

  constructor(
    private readonly hub: StateHub,
    private readonly phone: PhoneLine,
    private readonly loadIntent: () => Promise<LineIntent>,
    private readonly log: Logger,
  ) {}

  /** The alarm runs while logged in, and not otherwise. */
  follow(): void {
    this.#syncAlarm();
    this.hub.onChange((_state, key) => {
      if (key === 'registration') this.#syncAlarm();
    });
  }

  /** The engine's page opened its port: when it closes (the page went), the engine is brought back. */
  watchPort(port: Runtime.Port): void {
    port.onDisconnect.addListener(() => {
      this.log.warn("the phone engine's page went");
      void this.check();
    });
  }

  onAlarm(name: string): boolean {
    if (name !== ENGINE_WATCH_ALARM) return false;
    void this.check();
    return true;
  }

  /** Starts an engine and logs it in if the receptionist is logged in and none runs; else reads the running one. */
  async check(): Promise<void> {
    try {
      await this.phone.resume(await this.loadIntent());
    } catch (error) {
      this.log.warn('could not check the phone engine', error);
    }
  }

  #syncAlarm(): void {
    const status = this.hub.state.registration.status;
    const isLoggedIn = status !== RegistrationStatus.LoggedOut && status !== RegistrationStatus.Unconfigured;
    if (isLoggedIn === this.#isAlarmSet) return;
    this.#isAlarmSet = isLoggedIn;
    const done = isLoggedIn
      ? browser.alarms.create(ENGINE_WATCH_ALARM, { periodInMinutes: ENGINE_WATCH_MINUTES })
      : browser.alarms.clear(ENGINE_WATCH_ALARM);
    void Promise.resolve(done).catch((error: unknown) => this.log.warn('could not set the engine watch', error));
  }
}
