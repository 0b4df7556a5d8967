import type { Logger } from '../shared/log.ts';
import {
  CommandError,
  type CommandRequest,
  type CommandResponse,
  type CommandResult,
} from '../shared/protocol/command-contract.ts';
import { EngineCommands } from '../shared/protocol/engine-commands.ts';
import { sendCommand } from '../shared/protocol/messenger.ts';
import type { EngineStateSink } from './engine-state-sink.ts';
import type { EngineCommandType, LineIntent, PhoneLine } from './phone-line.ts';

const OFFSCREEN_PATH = 'offscreen.html';
/** Commands that need no engine: without one, there is nothing to configure, log out or confirm. */
const NEEDS_NO_ENGINE = new Set<EngineCommandType>(['engine/configure', 'engine/logout', 'engine/history-written']);

/**
 * Chrome: the phone engine runs in an offscreen document, because the service worker can hold no WebRTC and is
 * stopped when idle. This side creates the document when needed (`ensureEngine`) and talks to it by messages.
 */
export class OffscreenPhoneLine implements PhoneLine {
  readonly engineMayStopAlone = true;
  #creating: Promise<void> | null = null;
  #resuming: Promise<void> | null = null;

  constructor(
    private readonly sink: EngineStateSink,
    private readonly log: Logger,
  ) {}

  resume(intent: LineIntent): Promise<void> {
    // Asked again while a resume is under way (the page's port closed and the watch alarm fired together): the same
    // one, so a new engine is never logged in twice.
    this.#resuming ??= this.#resume(intent).finally(() => (this.#resuming = null));
    return this.#resuming;
  }

  async #resume(intent: LineIntent): Promise<void> {
    if (await this.#hasEngine()) {
      await this.#pullState();
      return;
    }
    if (intent.shouldBeRegistered && intent.account !== null && intent.credential !== null) {
      // The document is gone (Chrome closed it, or it crashed) while the receptionist is logged in: bring it back.
      // The login is not awaited: the UIs get their snapshot now and watch the registration happen, or fail, through
      // the state.
      this.log.warn('the phone engine was gone; starting it again');
      await this.#ensureEngine();
      const { account, credential, options } = intent;
      this.send('engine/login', { account, credential, options }).catch((error: unknown) =>
        this.log.warn('could not log back in', error),
      );
    }
  }

  async send<K extends EngineCommandType>(
    type: K,
    request: CommandRequest<EngineCommands, K>,
    requestId: string | null = null,
  ): Promise<CommandResponse<EngineCommands, K>> {
    if (NEEDS_NO_ENGINE.has(type)) {
      // Settings, logout and history confirmations mean nothing to an engine that is not there: it starts clean.
      if (!(await this.#hasEngine())) return undefined;
    } else {
      await this.#ensureEngine();
    }
    return unwrap(await sendCommand('engine', EngineCommands, type, request, requestId));
  }

  async #pullState(): Promise<void> {
    const result = await sendCommand('engine', EngineCommands, 'engine/state', {});
    if (result.ok) this.sink.apply(result.value);
    else this.log.warn('could not read the engine state', result.error);
  }

  async #hasEngine(): Promise<boolean> {
    const contexts = await chrome.runtime.getContexts({
      contextTypes: [chrome.runtime.ContextType.OFFSCREEN_DOCUMENT],
      documentUrls: [chrome.runtime.getURL(OFFSCREEN_PATH)],
    });
    return contexts.length > 0;
  }

  /** Creates the offscreen document unless it exists; concurrent callers share one creation. */
  async #ensureEngine(): Promise<void> {
    if (await this.#hasEngine()) return;
    this.#creating ??= chrome.offscreen
      .createDocument({
        url: OFFSCREEN_PATH,
        reasons: [chrome.offscreen.Reason.WEB_RTC, chrome.offscreen.Reason.USER_MEDIA],
        justification: 'Holds the phone line: the SIP connection, calls and their audio.',
      })
      .finally(() => {
        this.#creating = null;
      });
    await this.#creating;
  }
}

function unwrap<T>(result: CommandResult<T>): T {
  if (!result.ok) throw new CommandError(result.error);
  return result.value;
}
