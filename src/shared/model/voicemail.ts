import * as v from 'valibot';

/** What the voicemail server says about the receptionist's mailbox (RFC 3842), as the console shows it. */
export const VoicemailSummarySchema = v.object({
  isWaiting: v.boolean(),
  newMessages: v.pipe(v.number(), v.integer(), v.minValue(0)),
  oldMessages: v.pipe(v.number(), v.integer(), v.minValue(0)),
});
export type VoicemailSummary = v.InferOutput<typeof VoicemailSummarySchema>;
