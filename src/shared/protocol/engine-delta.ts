import * as v from 'valibot';
import { CallIdSchema, CallSchema, ConferenceSchema, type Call } from '../model/call.ts';
import { LampSchema, PbxUserServicesSchema, WatchedLineSchema, type Lamp } from '../model/lamp.ts';
import { CallRecordSchema, type CallRecord } from '../model/call-record.ts';
import { MicrophoneProblemSchema } from '../model/microphone.ts';
import { EngineInterruptionSchema } from '../model/engine-interruption.ts';
import { CallsElsewhereSchema, NO_CALLS_ELSEWHERE } from '../model/call-elsewhere.ts';
import { RegistrationStateSchema } from '../model/registration.ts';
import { VoicemailSummarySchema } from '../model/voicemail.ts';
import { CallQueuesStateSchema, NO_CALL_QUEUES } from '../model/call-queue.ts';
import type { EngineState } from './engine-commands.ts';

/** Entries of a keyed collection that changed (added or replaced, in order) and that went away. */
const entriesOf = <T extends v.GenericSchema, K extends v.GenericSchema>(entry: T, key: K) =>
  v.object({ set: v.array(entry), removed: v.array(key) });

/**
 * What changed in the engine's state since `baseRevision`: only the slices that changed, and for the keyed ones
 * (calls, lamps; queued calls next) only the entries that changed. A receiver at another revision (a
 * background that just started) cannot apply it and asks for the whole state instead (`engine/state`).
 */
export const EngineDeltaSchema = v.object({
  instanceId: v.pipe(v.string(), v.maxLength(64)),
  revision: v.number(),
  baseRevision: v.number(),
  registration: v.optional(RegistrationStateSchema),
  calls: v.optional(entriesOf(CallSchema, CallIdSchema)),
  endedCalls: v.optional(entriesOf(CallRecordSchema, CallIdSchema)),
  lamps: v.optional(entriesOf(LampSchema, WatchedLineSchema)),
  voicemail: v.optional(v.nullable(VoicemailSummarySchema)),
  conference: v.optional(v.nullable(ConferenceSchema)),
  microphone: v.optional(v.nullable(MicrophoneProblemSchema)),
  queues: v.optional(CallQueuesStateSchema),
  ownServices: v.optional(v.nullable(PbxUserServicesSchema)),
  callsElsewhere: v.optional(CallsElsewhereSchema),
  interruption: v.optional(v.nullable(EngineInterruptionSchema)),
});
export type EngineDelta = v.InferOutput<typeof EngineDeltaSchema>;

/** An engine's state before its first change: what a delta "from nothing" (base revision -1) applies to. */
export function emptyEngineState(instanceId: string): EngineState {
  return {
    instanceId,
    revision: -1,
    registration: { status: 'LoggedOut' },
    calls: [],
    endedCalls: [],
    lamps: [],
    voicemail: null,
    conference: null,
    microphone: null,
    queues: NO_CALL_QUEUES,
    ownServices: null,
    callsElsewhere: NO_CALLS_ELSEWHERE,
    interruption: null,
  };
}

interface Keyed<Id extends string = string> {
  readonly id: Id;
}

/**
 * The entries of `next` that are not, by reference, those of `previous`, and the ids gone. The engine replaces an
 * entry's object whenever it changes it, so this costs one comparison per entry: no serialising, no deep equality.
 */
export function keyedChanges<T extends Keyed>(
  previous: readonly T[],
  next: readonly T[],
): { set: T[]; removed: T['id'][] } {
  const before = new Map(previous.map((entry) => [entry.id, entry]));
  const set = next.filter((entry) => before.get(entry.id) !== entry);
  const after = new Set(next.map((entry) => entry.id));
  const removed = previous.filter((entry) => !after.has(entry.id)).map((entry) => entry.id);
  return { set, removed };
}

/** The delta from `previous` to `next` (two states of one engine), by reference: what the engine changed. */
export function engineDelta(previous: EngineState, next: EngineState): EngineDelta {
  const delta: EngineDelta = { instanceId: next.instanceId, revision: next.revision, baseRevision: previous.revision };
  if (next.registration !== previous.registration) delta.registration = next.registration;
  const calls = keyedChanges(previous.calls, next.calls);
  if (calls.set.length > 0 || calls.removed.length > 0) delta.calls = calls;
  const endedCalls = keyedChanges<CallRecord>(previous.endedCalls, next.endedCalls);
  if (endedCalls.set.length > 0 || endedCalls.removed.length > 0) delta.endedCalls = endedCalls;
  const lamps = keyedChanges<Lamp>(previous.lamps, next.lamps);
  if (lamps.set.length > 0 || lamps.removed.length > 0) delta.lamps = lamps;
  if (next.voicemail !== previous.voicemail) delta.voicemail = next.voicemail;
  if (next.conference !== previous.conference) delta.conference = next.conference;
  if (next.microphone !== previous.microphone) delta.microphone = next.microphone;
  if (next.queues !== previous.queues) delta.queues = next.queues;
  if (next.ownServices !== previous.ownServices) delta.ownServices = next.ownServices;
  if (next.callsElsewhere !== previous.callsElsewhere) delta.callsElsewhere = next.callsElsewhere;
  if (next.interruption !== previous.interruption) delta.interruption = next.interruption;
  return delta;
}

/** A keyed collection with these changes applied: replaced in place, added at the end, removed. */
export function withEntries<T extends Keyed>(
  entries: readonly T[],
  set: readonly T[],
  removed: readonly T['id'][],
): T[] {
  const changed = new Map(set.map((entry) => [entry.id, entry]));
  const gone = new Set(removed);
  const result: T[] = [];
  for (const entry of entries) {
    if (gone.has(entry.id)) continue;
    const replacement = changed.get(entry.id);
    changed.delete(entry.id);
    result.push(replacement ?? entry);
  }
  result.push(...changed.values());
  return result;
}

/** `state` with `delta` applied (the caller checked `delta.baseRevision === state.revision`). */
export function applyEngineDelta(state: EngineState, delta: EngineDelta): EngineState {
  return {
    instanceId: delta.instanceId,
    revision: delta.revision,
    registration: delta.registration ?? state.registration,
    calls:
      delta.calls === undefined ? state.calls : withEntries<Call>(state.calls, delta.calls.set, delta.calls.removed),
    endedCalls:
      delta.endedCalls === undefined
        ? state.endedCalls
        : withEntries<CallRecord>(state.endedCalls, delta.endedCalls.set, delta.endedCalls.removed),
    lamps:
      delta.lamps === undefined ? state.lamps : withEntries<Lamp>(state.lamps, delta.lamps.set, delta.lamps.removed),
    voicemail: delta.voicemail === undefined ? state.voicemail : delta.voicemail,
    conference: delta.conference === undefined ? state.conference : delta.conference,
    microphone: delta.microphone === undefined ? state.microphone : delta.microphone,
    queues: delta.queues ?? state.queues,
    ownServices: delta.ownServices === undefined ? state.ownServices : delta.ownServices,
    callsElsewhere: delta.callsElsewhere ?? state.callsElsewhere,
    interruption: delta.interruption === undefined ? state.interruption : delta.interruption,
  };
}
