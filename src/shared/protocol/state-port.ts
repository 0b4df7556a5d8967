import * as v from 'valibot';
import { AppStateSchema, type AppState, type SliceKey } from '../model/app-state.ts';

/** The port a UI opens to the background to mirror the state. */
export const UI_STATE_PORT = 'ui-state';

const sliceKeys = Object.keys(AppStateSchema.entries) as SliceKey[];

/**
 * Background → UI over the state port: first a snapshot, then a patch per changed slice. A UI never writes state;
 * it sends commands and waits for the patch.
 */
export const StatePortMessageSchema = v.union([
  v.object({ kind: v.literal('snapshot'), state: AppStateSchema }),
  ...sliceKeys.map((key) =>
    v.object({ kind: v.literal('patch'), key: v.literal(key), value: AppStateSchema.entries[key] }),
  ),
]);

export type StatePatch = { [K in SliceKey]: { kind: 'patch'; key: K; value: AppState[K] } }[SliceKey];
export type StatePortMessage = { kind: 'snapshot'; state: AppState } | StatePatch;

/** Applies a validated message to a mirror; returns the new state (the old one is never mutated). */
export function applyStateMessage(current: AppState | null, message: StatePortMessage): AppState | null {
  if (message.kind === 'snapshot') return message.state;
  if (current === null) return null; // a patch before the snapshot means nothing; the snapshot will come.
  return { ...current, [message.key]: message.value };
}

export function parseStatePortMessage(raw: unknown): StatePortMessage | null {
  const result = v.safeParse(StatePortMessageSchema, raw);
  return result.success ? (result.output as StatePortMessage) : null;
}
