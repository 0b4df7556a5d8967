import { RegistrationStatus } from '../shared/model/registration.ts';
import type { EngineState } from '../shared/protocol/engine-commands.ts';
import type { StateHub } from './state-hub.ts';

/**
 * Applies the engine's state to the hub in order. Engine updates arrive as separate messages and a snapshot asked for
 * at wake-up can cross a later update in flight; the revision (per engine instance) keeps only the newest.
 */
export class EngineStateSink {
  #instanceId = '';
  #revision = -1;

  constructor(private readonly hub: StateHub) {}

  apply(state: EngineState): void {
    if (state.instanceId === this.#instanceId && state.revision <= this.#revision) return;
    this.#instanceId = state.instanceId;
    this.#revision = state.revision;
    const isUnconfigured = this.hub.state.account === null && state.registration.status === RegistrationStatus.LoggedOut;
    this.hub.setSlice('registration', isUnconfigured ? { status: RegistrationStatus.Unconfigured } : state.registration);
    this.hub.setSlice('calls', state.calls);
  }
}
