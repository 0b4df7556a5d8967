import * as v from 'valibot';

/**
 * Where the console's own window sits on the receptionist's screens (Open in a window, issue #12): kept so the
 * window comes back where it was, on the second screen it was put on. Screen coordinates may be negative (a screen
 * left of the main one).
 */
export const WindowBoundsSchema = v.object({
  left: v.pipe(v.number(), v.integer(), v.minValue(-20_000), v.maxValue(20_000)),
  top: v.pipe(v.number(), v.integer(), v.minValue(-20_000), v.maxValue(20_000)),
  width: v.pipe(v.number(), v.integer(), v.minValue(320), v.maxValue(10_000)),
  height: v.pipe(v.number(), v.integer(), v.minValue(240), v.maxValue(10_000)),
});
export type WindowBounds = v.InferOutput<typeof WindowBoundsSchema>;

/** The size the console's window opens at the first time: the wide layout, with room for the contacts. */
export const DEFAULT_WINDOW_SIZE = { width: 1280, height: 820 } as const;

/** The query that tells the console page it is the console's own window (and should report where it is). */
export const CONSOLE_WINDOW_QUERY = 'window=1';
