import { RegistrationStatus } from '../shared/model/registration.ts';
import type { CallRecord } from '../shared/model/call-record.ts';
import type { EngineState } from '../shared/protocol/engine-commands.ts';
import type { StateHub } from './state-hub.ts';

/**
 * Applies the engine's state to the hub in order. Engine updates arrive as separate messages and a snapshot asked for
 * at wake-up can cross a later update in flight; the revision (per engine instance) keeps only the newest.
 */
export class EngineStateSink {
  #instanceId = '';
  #revision = -1;
  #pendingEndedCalls: readonly CallRecord[] = [];

  /** Set once the history is ready; ended calls reported before then stay with the engine until it is. */
  onEndedCalls: ((records: readonly CallRecord[]) => void) | null = null;

  constructor(private readonly hub: StateHub) {}

  /** The ended calls of the latest engine state, for whoever starts listening late. */
  get pendingEndedCalls(): readonly CallRecord[] {
    return this.#pendingEndedCalls;
  }

  apply(state: EngineState): void {
    if (state.instanceId === this.#instanceId && state.revision <= this.#revision) return;
    this.#instanceId = state.instanceId;
    this.#revision = state.revision;
    const isUnconfigured =
      this.hub.state.account === null && state.registration.status === RegistrationStatus.LoggedOut;
    this.hub.setSlice(
      'registration',
      isUnconfigured ? { status: RegistrationStatus.Unconfigured } : state.registration,
    );
    this.hub.setSlice('calls', state.calls);
    if (JSON.stringify(state.conference) !== JSON.stringify(this.hub.state.conference))
      this.hub.setSlice('conference', state.conference);
    // Every engine update carries it; the UIs hear of it only when it changed.
    if (JSON.stringify(state.voicemail) !== JSON.stringify(this.hub.state.voicemail))
      this.hub.setSlice('voicemail', state.voicemail);
    if (state.microphone !== this.hub.state.microphone) this.hub.setSlice('microphone', state.microphone);
    this.#pendingEndedCalls = state.endedCalls;
    if (state.endedCalls.length > 0) this.onEndedCalls?.(state.endedCalls);
  }
}
