import type { AccountSettings, Credential } from '../shared/model/account.ts';
import type { CommandRequest, CommandResponse, CommandType } from '../shared/protocol/command-contract.ts';
import type { EngineCommands, EngineOptions } from '../shared/protocol/engine-commands.ts';

/** What the background knows at start-up about the line the receptionist wants. */
export interface LineIntent {
  readonly account: AccountSettings | null;
  readonly credential: Credential | null;
  readonly shouldBeRegistered: boolean;
  readonly options: EngineOptions;
}

export type EngineCommandType = CommandType<EngineCommands>;

/**
 * The phone as the background drives it. In Chrome the engine lives in the offscreen document and this is a
 * messaging client; in Firefox it lives in the background page itself and this calls it. Either way every engine
 * command goes through the one generic `send` (one entry in `EngineCommands`, one engine handler), and the engine's
 * state reaches the hub through an EngineStateSink.
 */
export interface PhoneLine {
  /**
   * Whether the engine lives in a page that can go while the background stays (Chrome's offscreen document): the
   * background then watches it (`engine-watch.ts`). Firefox's engine is the background page itself.
   */
  readonly engineMayStopAlone: boolean;
  /**
   * At background start: pick up the running engine's state, or start one and log in if the intent says so and none
   * runs (without waiting for the registration's outcome, which the state reports).
   */
  resume(intent: LineIntent): Promise<void>;
  /**
   * One engine command; rejects with a CommandError as the engine answered. `requestId`: the id of the console's
   * command this carries out, for a redeliverable one (see `CommandContract`), so the engine does it once.
   */
  send<K extends EngineCommandType>(
    type: K,
    request: CommandRequest<EngineCommands, K>,
    requestId?: string | null,
  ): Promise<CommandResponse<EngineCommands, K>>;
}
