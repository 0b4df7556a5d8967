import type { AccountSettings, Credential } from '../shared/model/account.ts';
import type { CallAction, CallId, CallStats, ConferenceRequest, TransferTarget } from '../shared/model/call.ts';
import type { PhoneSettings } from '../shared/model/phone-settings.ts';
import type { EngineOptions } from '../shared/protocol/engine-commands.ts';

export type DtmfMode = PhoneSettings['dtmfMode'];

/** What the background knows at start-up about the line the receptionist wants. */
export interface LineIntent {
  readonly account: AccountSettings | null;
  readonly credential: Credential | null;
  readonly shouldBeRegistered: boolean;
  readonly options: EngineOptions;
}

/**
 * The phone as the background drives it. In Chrome the engine lives in the offscreen document and this is a
 * messaging client; in Firefox it lives in the background page itself and this wraps it. Either way the engine's
 * state reaches the hub through an EngineStateSink.
 */
export interface PhoneLine {
  /**
   * At background start: pick up the running engine's state, or start one and log in if the intent says so and none
   * runs (without waiting for the registration's outcome, which the state reports).
   */
  resume(intent: LineIntent): Promise<void>;
  /** Resolves once registered, with the digest realm the server used (for "remember me"). */
  login(account: AccountSettings, credential: Credential, options: EngineOptions): Promise<{ realm: string | null }>;
  /** Passes changed answering options to a running engine; a stopped one gets them at its next login. */
  configure(options: EngineOptions): Promise<void>;
  logout(): Promise<void>;
  dial(target: string): Promise<CallId>;
  act(callId: CallId, action: CallAction): Promise<void>;
  stats(callId: CallId): Promise<CallStats>;
  transfer(callId: CallId, target: TransferTarget): Promise<void>;
  conference(request: ConferenceRequest): Promise<void>;
  sendDtmf(callId: CallId, digits: string, mode: DtmfMode): Promise<void>;
  /** Tells the engine these ended calls are in the history. */
  historyWritten(ids: readonly CallId[]): Promise<void>;
}
