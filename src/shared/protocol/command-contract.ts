import * as v from 'valibot';

/**
 * A command contract: for each message type, the schema of its request and of its response. Types are derived from
 * the schemas, so one entry here is the whole definition of a message, checked by the compiler at both ends and
 * validated at run time on arrival.
 *
 * `redeliverable`: the command is done once per request id wherever it takes effect (the engine remembers the ids
 * it carried out), so a sender whose answer was lost — the service worker stopped between taking the command and
 * answering it — sends it again under the same id rather than leave the receptionist unsure whether it happened.
 */
export type CommandContract = Record<
  string,
  { readonly req: v.GenericSchema; readonly res: v.GenericSchema; readonly redeliverable?: true }
>;

export type CommandType<C extends CommandContract> = Extract<keyof C, string>;
export type CommandRequest<C extends CommandContract, K extends keyof C> = v.InferInput<C[K]['req']>;
export type CommandResponse<C extends CommandContract, K extends keyof C> = v.InferOutput<C[K]['res']>;
/** What a handler receives: the request after validation (and its transforms). */
export type ValidatedRequest<C extends CommandContract, K extends keyof C> = v.InferOutput<C[K]['req']>;

/** Who sent a command, as far as the receiving context can tell. */
export interface CommandSender {
  readonly kind: 'extension-page' | 'content-script';
  readonly tabId: number | null;
  readonly url: string;
  /** The command's id (the envelope's), the same on each delivery of one command; null when it came without one. */
  readonly requestId: string | null;
}

/** One handler per command; a missing or mistyped one fails to compile where the map `satisfies` this type. */
export type Handlers<C extends CommandContract> = {
  [K in CommandType<C>]: (
    request: ValidatedRequest<C, K>,
    sender: CommandSender,
  ) => Promise<CommandResponse<C, K>> | CommandResponse<C, K>;
};

export const CommandErrorCodeSchema = v.picklist([
  /** The envelope or the payload did not validate, or the type is unknown. */
  'invalid-message',
  /** The sender may not send this command (a content script asking for a UI command, say). */
  'forbidden',
  /** The request was well-formed but its content is not acceptable; `fields` names what. */
  'invalid-input',
  /** The phone is not registered, so the command cannot run now. */
  'not-registered',
  /** The receiving context is not there (engine not started, no receiver). */
  'unavailable',
  /** The operation failed for a reason the receiver reports in `detail`. */
  'failed',
]);
export type CommandErrorCode = v.InferOutput<typeof CommandErrorCodeSchema>;

export const FieldIssueSchema = v.object({ field: v.string(), messageKey: v.string() });
export type FieldIssue = v.InferOutput<typeof FieldIssueSchema>;

export const CommandErrorSchema = v.object({
  code: CommandErrorCodeSchema,
  /** An i18n key the UI can show as it is. */
  messageKey: v.string(),
  detail: v.optional(v.string()),
  fields: v.optional(v.array(FieldIssueSchema)),
});
export type CommandErrorPayload = v.InferOutput<typeof CommandErrorSchema>;

/** Errors never cross a boundary as exceptions: a result says which it is. */
export type CommandResult<T> = { ok: true; value: T } | { ok: false; error: CommandErrorPayload };

/** Thrown by handlers to answer with a typed error; the messenger turns it into `{ ok: false }`. */
export class CommandError extends Error {
  constructor(readonly payload: CommandErrorPayload) {
    super(`${payload.code}: ${payload.detail ?? payload.messageKey}`);
    this.name = 'CommandError';
  }

  static invalidInput(fields: FieldIssue[]): CommandError {
    return new CommandError({ code: 'invalid-input', messageKey: 'error_invalid_input', fields });
  }
}

/** Field issues from a failed valibot parse, with the schema's message (an i18n key) for each field. */
export function fieldIssuesOf(issues: readonly v.BaseIssue<unknown>[]): FieldIssue[] {
  return issues.map((issue) => ({
    field: v.getDotPath(issue) ?? '',
    messageKey: /^[a-z_]+$/.test(issue.message) ? issue.message : 'error_invalid_value',
  }));
}
