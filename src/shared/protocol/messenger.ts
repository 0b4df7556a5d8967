import * as v from 'valibot';
import { browser, type Runtime } from '../../platform/browser.ts';
import type { Logger } from '../log.ts';
import {
  CommandError,
  CommandErrorSchema,
  fieldIssuesOf,
  type CommandContract,
  type CommandErrorPayload,
  type CommandRequest,
  type CommandResponse,
  type CommandResult,
  type CommandSender,
  type CommandType,
  type Handlers,
} from './command-contract.ts';
import { BACKOFF, backoffDelayMs } from '../backoff.ts';
import { CommandEnvelopeSchema, type CommandEnvelope, type CommandTarget } from './envelope.ts';

/**
 * Sends one command to another context and returns its typed result. Never throws for a refused or failed command:
 * errors come back as `{ ok: false }` so every caller has to look at them. `requestId` is the command's id when it
 * carries on one received (the background relaying the console's command to the engine); else a new one.
 */
export async function sendCommand<C extends CommandContract, K extends CommandType<C>>(
  target: CommandTarget,
  contract: C,
  type: K,
  request: CommandRequest<C, K>,
  requestId: string | null = null,
): Promise<CommandResult<CommandResponse<C, K>>> {
  const envelope: CommandEnvelope = { sb: 1, to: target, type, payload: request, id: requestId ?? newRequestId() };
  const isRedeliverable = contract[type]?.redeliverable === true;
  let reply: unknown;
  for (let attempt = 0; ; attempt++) {
    try {
      reply = await browser.runtime.sendMessage(envelope);
      break;
    } catch (error) {
      // Nobody received it: a service worker stopping as the message left. Sending again is safe (it was not
      // delivered) and starts the worker anew. Any other failure may have been delivered, so it is not retried.
      // Delivered, and the receiver went before it answered: a redeliverable command is sent again under the same id
      // (done once per id: `contract` says which); for any other, what it did shows in the state, not here.
      const isAnswerLostHere = isAnswerLost(error);
      const isSentAgain = isNotDelivered(error) || (isAnswerLostHere && isRedeliverable);
      if (!isSentAgain || attempt >= NOT_DELIVERED_RETRIES) {
        const messageKey = isAnswerLostHere ? 'error_answer_lost' : 'error_context_unavailable';
        return failure('unavailable', messageKey, String(error));
      }
      await new Promise((resolve) => setTimeout(resolve, backoffDelayMs(BACKOFF.commandRedelivery, attempt)));
    }
  }
  const result = v.safeParse(resultSchemaOf(contract[type]?.res ?? v.unknown()), withVoidValue(reply));
  if (!result.success) return failure('invalid-message', 'error_internal', `malformed reply to ${type}`);
  return result.output;
}

/** 100 ms, then doubling to 2 s: about 5 s in all (see `BACKOFF.commandRedelivery`). */
const NOT_DELIVERED_RETRIES = 6;
/** How many commands' outcomes a receiver of redeliverable commands keeps, by id, for a delivery made again. */
const REMEMBERED_REQUESTS = 200;

function newRequestId(): string {
  return crypto.randomUUID();
}

function isNotDelivered(error: unknown): boolean {
  return String(error).includes('Receiving end does not exist');
}

/** Chrome's words for a message whose receiver stopped (a service worker stopped) before it answered. */
function isAnswerLost(error: unknown): boolean {
  const text = String(error);
  return text.includes('message port closed before a response') || text.includes('message channel closed before');
}

/** A handler that returns nothing answers `{ ok: true }`: structured cloning drops an undefined `value`. */
function withVoidValue(reply: unknown): unknown {
  if (typeof reply === 'object' && reply !== null && (reply as { ok?: unknown }).ok === true && !('value' in reply)) {
    return { ...reply, value: undefined };
  }
  return reply;
}

function resultSchemaOf(valueSchema: v.GenericSchema) {
  return v.variant('ok', [
    v.object({ ok: v.literal(true), value: valueSchema }),
    v.object({ ok: v.literal(false), error: CommandErrorSchema }),
  ]);
}

function failure(
  code: CommandErrorPayload['code'],
  messageKey: string,
  detail?: string,
): { ok: false; error: CommandErrorPayload } {
  return { ok: false, error: detail === undefined ? { code, messageKey } : { code, messageKey, detail } };
}

export interface ServeOptions<C extends CommandContract> {
  readonly target: CommandTarget;
  readonly contract: C;
  readonly handlers: Handlers<C>;
  readonly log: Logger;
  /** Decides, before validation, whether this sender may send this command at all. */
  readonly isAllowed: (sender: CommandSender, type: CommandType<C>) => boolean;
  /** Awaited before any handler runs (state loaded from storage, say); listeners are still added at once. */
  readonly ready?: Promise<unknown>;
  /**
   * This context is where redeliverable commands take effect (the engine): each is carried out once per request id,
   * and a delivery made again gets the first one's outcome. Elsewhere they are relayed with their id.
   */
  readonly isDoneOncePerRequest?: boolean;
}

/**
 * Serves a contract on `runtime.onMessage`. Call it synchronously at the top level of a context's entry, so a
 * service worker woken by a message has its listener in place (Chrome drops events that arrive before).
 *
 * Every message is checked in order — envelope, address, known type, allowed sender, payload — and anything that
 * fails a check is dropped with a logged reason and never reaches a handler.
 */
export function serveCommands<C extends CommandContract>(options: ServeOptions<C>): () => void {
  const { target, contract, handlers, log, isAllowed, ready } = options;
  const outcomes = new Map<string, Promise<CommandResult<unknown>>>();
  const listener = (message: unknown, rawSender: Runtime.MessageSender): Promise<unknown> | undefined => {
    const envelope = v.safeParse(CommandEnvelopeSchema, message);
    if (!envelope.success) {
      // Each context hears every message; only one needs to say so (the background, the hub).
      if (target === 'background') {
        log.warn('dropped a malformed message', describeIssues(envelope.issues));
        return Promise.resolve(failure('invalid-message', 'error_internal', 'malformed envelope'));
      }
      return undefined;
    }
    const { to, type, payload, id } = envelope.output;
    if (to !== target) return undefined;
    const definition = Object.hasOwn(contract, type) ? contract[type] : undefined;
    if (definition === undefined) {
      log.warn(`dropped a message of unknown type "${type}"`);
      return Promise.resolve(failure('invalid-message', 'error_internal', `unknown type ${type}`));
    }
    const commandType = type as CommandType<C>;
    const sender = classifySender(rawSender, id ?? null);
    if (sender === null || !isAllowed(sender, commandType)) {
      log.warn(`dropped "${type}" from a sender that may not send it`, rawSender.url);
      return Promise.resolve(failure('forbidden', 'error_internal', `forbidden ${type}`));
    }
    const parsed = v.safeParse(definition.req, payload);
    if (!parsed.success) {
      log.warn(`dropped "${type}" with an invalid payload`, describeIssues(parsed.issues));
      return Promise.resolve({ ok: false, error: CommandError.invalidInput(fieldIssuesOf(parsed.issues)).payload });
    }
    if (options.isDoneOncePerRequest !== true || definition.redeliverable !== true || id === undefined) {
      return run(commandType, parsed.output, sender);
    }
    const earlier = outcomes.get(id);
    if (earlier !== undefined) {
      log.info(`"${type}" delivered again: answered with what it did the first time`);
      return earlier;
    }
    const outcome = run(commandType, parsed.output, sender);
    outcomes.set(id, outcome);
    for (const oldest of outcomes.keys()) {
      if (outcomes.size <= REMEMBERED_REQUESTS) break;
      outcomes.delete(oldest);
    }
    return outcome;
  };

  const run = async (
    type: CommandType<C>,
    request: unknown,
    sender: CommandSender,
  ): Promise<CommandResult<unknown>> => {
    try {
      await ready;
      const handler = handlers[type];
      return { ok: true, value: await handler(request, sender) };
    } catch (error) {
      if (error instanceof CommandError) return { ok: false, error: error.payload };
      log.error(`command "${type}" failed`, error);
      return failure('failed', 'error_internal', error instanceof Error ? error.message : String(error));
    }
  };

  browser.runtime.onMessage.addListener(listener);
  return () => browser.runtime.onMessage.removeListener(listener);
}

/** Which of our own kinds of context sent a message; null for anything else (another extension, a web page). */
export function classifySender(sender: Runtime.MessageSender, requestId: string | null = null): CommandSender | null {
  if (sender.id !== browser.runtime.id) return null;
  const url = sender.url ?? '';
  const tabId = sender.tab?.id ?? null;
  if (url.startsWith(browser.runtime.getURL(''))) return { kind: 'extension-page', tabId, url, requestId };
  if (tabId !== null) return { kind: 'content-script', tabId, url, requestId };
  return null;
}

function describeIssues(issues: readonly v.BaseIssue<unknown>[]): string {
  return issues.map((issue) => `${v.getDotPath(issue) ?? '(root)'}: ${issue.message}`).join('; ');
}
