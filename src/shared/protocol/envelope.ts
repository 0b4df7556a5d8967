import * as v from 'valibot';

/** The contexts a command can be addressed to. Every extension context hears every runtime message. */
export const CommandTargetSchema = v.picklist(['background', 'engine']);
export type CommandTarget = v.InferOutput<typeof CommandTargetSchema>;

/**
 * The outer shape of every runtime message of ours. `sb` marks it as Switchboard's (and versions the protocol), so a
 * context can tell ours from anything else that reaches `runtime.onMessage` before it looks further.
 */
export const CommandEnvelopeSchema = v.object({
  sb: v.literal(1),
  to: CommandTargetSchema,
  type: v.pipe(v.string(), v.maxLength(64)),
  payload: v.unknown(),
  /** The command's own id, the same on each delivery of it: a receiver does a redeliverable command once per id. */
  id: v.optional(v.pipe(v.string(), v.maxLength(64))),
});
export type CommandEnvelope = v.InferOutput<typeof CommandEnvelopeSchema>;
