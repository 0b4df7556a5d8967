import type { PhoneEngine } from '../engine/phone-engine.ts';
import { engineHandlers } from '../engine/engine-handlers.ts';
import type { CommandRequest, CommandResponse, CommandSender } from '../shared/protocol/command-contract.ts';
import type { EngineCommands } from '../shared/protocol/engine-commands.ts';
import type { EngineCommandType, LineIntent, PhoneLine } from './phone-line.ts';

const SELF: CommandSender = { kind: 'extension-page', tabId: null, url: '', requestId: null };

/**
 * Firefox: the background is a page with a DOM, so the engine runs right here and its handlers are called directly
 * (the same handlers the offscreen document serves in Chrome).
 */
export class InPagePhoneLine implements PhoneLine {
  readonly engineMayStopAlone = false;
  readonly #handlers: ReturnType<typeof engineHandlers>;

  constructor(private readonly engine: PhoneEngine) {
    this.#handlers = engineHandlers(engine);
  }

  resume(intent: LineIntent): Promise<void> {
    // The page has just started, so the engine is new: log back in if the receptionist was logged in. Not awaited:
    // the UIs watch the registration happen, or fail, through the state.
    if (intent.shouldBeRegistered && intent.account !== null && intent.credential !== null) {
      this.engine.login(intent.account, intent.credential, intent.options).catch(() => undefined);
    }
    return Promise.resolve();
  }

  async send<K extends EngineCommandType>(
    type: K,
    request: CommandRequest<EngineCommands, K>,
  ): Promise<CommandResponse<EngineCommands, K>> {
    const handler = this.#handlers[type] as (
      request: CommandRequest<EngineCommands, K>,
      sender: CommandSender,
    ) => unknown;
    return (await handler(request, SELF)) as CommandResponse<EngineCommands, K>;
  }
}
