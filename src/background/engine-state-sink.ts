import { RegistrationStatus } from '../shared/model/registration.ts';
import type { CallRecord } from '../shared/model/call-record.ts';
import type { PbxUserServices } from '../shared/model/lamp.ts';
import type { EngineState } from '../shared/protocol/engine-commands.ts';
import { applyEngineDelta, emptyEngineState, engineDelta, type EngineDelta } from '../shared/protocol/engine-delta.ts';
import type { StateHub } from './state-hub.ts';

/**
 * Keeps the background's mirror of the engine's state and applies its changes to the hub, in order. The engine
 * sends deltas (`engine-delta.ts`), each naming the revision it applies to; a delta that does not follow the mirror
 * (this background just started, or a message crossed a snapshot) is not applied: the sink asks for the whole state
 * (`onResync`) and takes it instead. The hub hears only what changed: a slice, or the calls that changed.
 */
export class EngineStateSink {
  #mirror: EngineState = emptyEngineState('');
  #isResyncing = false;

  /** Set once the history is ready; ended calls reported before then stay with the engine until it is. */
  onEndedCalls: ((records: readonly CallRecord[]) => void) | null = null;
  /** What the PBX says of the user's own services (over XSI-Events), each time it is new to this background. */
  onOwnServices: ((services: PbxUserServices) => void) | null = null;
  /** Asks the engine for its whole state, to `apply` (set by the background; unset, deltas that do not follow wait). */
  onResync: (() => Promise<void>) | null = null;

  constructor(private readonly hub: StateHub) {}

  /** The ended calls of the latest engine state, for whoever starts listening late. */
  get pendingEndedCalls(): readonly CallRecord[] {
    return this.#mirror.endedCalls;
  }

  /** The engine's whole state (asked for at wake-up; Firefox's in-page engine gives it at each change). */
  apply(state: EngineState): void {
    if (state.instanceId === this.#mirror.instanceId && state.revision <= this.#mirror.revision) return;
    const previous = state.instanceId === this.#mirror.instanceId ? this.#mirror : emptyEngineState(state.instanceId);
    this.#publish(previous, state);
  }

  /** One change of the engine's state, as sent over messages. */
  applyDelta(delta: EngineDelta): void {
    const isNewEngine = delta.instanceId !== this.#mirror.instanceId;
    if (!isNewEngine && delta.revision <= this.#mirror.revision) return;
    const base = isNewEngine ? emptyEngineState(delta.instanceId) : this.#mirror;
    if (delta.baseRevision !== base.revision) {
      this.#resync();
      return;
    }
    this.#publish(base, applyEngineDelta(base, delta));
  }

  #resync(): void {
    if (this.#isResyncing || this.onResync === null) return;
    this.#isResyncing = true;
    void this.onResync().finally(() => (this.#isResyncing = false));
  }

  #publish(previous: EngineState, next: EngineState): void {
    const changes = engineDelta(previous, next);
    this.#mirror = next;
    if (changes.registration !== undefined || previous.revision === -1) {
      const isUnconfigured =
        this.hub.state.account === null && next.registration.status === RegistrationStatus.LoggedOut;
      this.hub.setSlice(
        'registration',
        isUnconfigured ? { status: RegistrationStatus.Unconfigured } : next.registration,
      );
    }
    if (changes.calls !== undefined) {
      // A new engine replaces the calls outright: the hub may still list those of the engine before it.
      if (previous.revision === -1) this.hub.setSlice('calls', next.calls);
      else this.hub.setEntries('calls', changes.calls.set, changes.calls.removed);
    } else if (previous.revision === -1 && this.hub.state.calls.length > 0) {
      this.hub.setSlice('calls', []);
    }
    if (changes.lamps !== undefined) {
      if (previous.revision === -1) this.hub.setSlice('lamps', next.lamps);
      else this.hub.setEntries('lamps', changes.lamps.set, changes.lamps.removed);
    } else if (previous.revision === -1 && this.hub.state.lamps.length > 0) {
      this.hub.setSlice('lamps', []);
    }
    if (changes.conference !== undefined) this.hub.setSlice('conference', next.conference);
    if (changes.voicemail !== undefined) this.hub.setSlice('voicemail', next.voicemail);
    if (changes.microphone !== undefined) this.hub.setSlice('microphone', next.microphone);
    if (changes.queues !== undefined || previous.revision === -1) this.hub.setSlice('queues', next.queues);
    if (changes.callsElsewhere !== undefined || previous.revision === -1)
      this.hub.setSlice('callsElsewhere', next.callsElsewhere);
    if (changes.interruption !== undefined || previous.revision === -1)
      this.hub.setSlice('interruption', next.interruption);
    if (changes.ownServices !== undefined && next.ownServices !== null) this.onOwnServices?.(next.ownServices);
    // Every change while some are unwritten offers them again: a write that failed is retried (rows are keyed by id).
    if (next.endedCalls.length > 0) this.onEndedCalls?.(next.endedCalls);
  }
}
