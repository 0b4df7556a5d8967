import type { AccountSettings, Credential } from '../shared/model/account.ts';
import type { CallAction, CallId, CallStats, ConferenceRequest, TransferTarget } from '../shared/model/call.ts';
import type { PhoneEngine } from '../engine/phone-engine.ts';
import type { EngineOptions } from '../shared/protocol/engine-commands.ts';
import type { DtmfMode, LineIntent, PhoneLine } from './phone-line.ts';

/**
 * Firefox: the background is an event page with a DOM, so the engine runs right here and is called directly.
 */
export class InPagePhoneLine implements PhoneLine {
  constructor(private readonly engine: PhoneEngine) {}

  resume(intent: LineIntent): Promise<void> {
    // The page has just started, so the engine is new: log back in if the receptionist was logged in. Not awaited:
    // the UIs watch the registration happen, or fail, through the state.
    if (intent.shouldBeRegistered && intent.account !== null && intent.credential !== null) {
      this.engine.login(intent.account, intent.credential, intent.options).catch(() => undefined);
    }
    return Promise.resolve();
  }

  login(account: AccountSettings, credential: Credential, options: EngineOptions): Promise<{ realm: string | null }> {
    return this.engine.login(account, credential, options);
  }

  configure(options: EngineOptions): Promise<void> {
    this.engine.configure(options);
    return Promise.resolve();
  }

  logout(): Promise<void> {
    return this.engine.logout();
  }

  dial(target: string): Promise<CallId> {
    return this.engine.dial(target);
  }

  act(callId: CallId, action: CallAction): Promise<void> {
    return this.engine.act(callId, action);
  }

  stats(callId: CallId): Promise<CallStats> {
    return this.engine.stats(callId);
  }

  conference(request: ConferenceRequest): Promise<void> {
    return this.engine.conference(request);
  }

  transfer(callId: CallId, target: TransferTarget): Promise<void> {
    return this.engine.transfer(callId, target);
  }

  historyWritten(ids: readonly CallId[]): Promise<void> {
    this.engine.historyWritten(ids);
    return Promise.resolve();
  }

  sendDtmf(callId: CallId, digits: string, mode: DtmfMode): Promise<void> {
    return this.engine.sendDtmf(callId, digits, mode);
  }
}
