import * as v from 'valibot';

/**
 * The phone engine stopped under calls in progress (its page closed or crashed, the browser was killed) and the one
 * now running took over: what the console tells the receptionist until they dismiss it. The calls themselves are in
 * the history (`interrupted`, or `missed` for a caller who was still ringing).
 */
export const EngineInterruptionSchema = v.object({
  /** When this engine took over, epoch ms. */
  at: v.number(),
  /** How many calls were in progress. */
  cutOffCalls: v.pipe(v.number(), v.integer(), v.minValue(1)),
});
export type EngineInterruption = v.InferOutput<typeof EngineInterruptionSchema>;
