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
 * errors come back as `{ ok: false }` so every caller has to look at them.
 */
export async function sendCommand<C extends CommandContract, K extends CommandType<C>>(
  target: CommandTarget,
  contract: C,
  type: K,
  request: CommandRequest<C, K>,
): Promise<CommandResult<CommandResponse<C, K>>> {
  const envelope: CommandEnvelope = { sb: 1, to: target, type, payload: request };
  let reply: unknown;
  for (let attempt = 0; ; attempt++) {
    try {
      reply = await browser.runtime.sendMessage(envelope);
      break;
    } catch (error) {
      // Nobody received it: a service worker stopping as the message left. Sending again is safe (it was not
      // delivered) and starts the worker anew. Any other failure may have been delivered, so it is not retried.
      // Delivered, and the receiver went before it answered: what the command did shows in the state, not here.
      if (isAnswerLost(error)) return failure('unavailable', 'error_answer_lost', String(error));
      if (!isNotDelivered(error) || attempt >= NOT_DELIVERED_RETRIES) {
        return failure('unavailable', 'error_context_unavailable', String(error));
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
    const { to, type, payload } = envelope.output;
    if (to !== target) return undefined;
    const definition = Object.hasOwn(contract, type) ? contract[type] : undefined;
    if (definition === undefined) {
      log.warn(`dropped a message of unknown type "${type}"`);
      return Promise.resolve(failure('invalid-message', 'error_internal', `unknown type ${type}`));
    }
    const commandType = type as CommandType<C>;
    const sender = classifySender(rawSender);
    if (sender === null || !isAllowed(sender, commandType)) {
      log.warn(`dropped "${type}" from a sender that may not send it`, rawSender.url);
      return Promise.resolve(failure('forbidden', 'error_internal', `forbidden ${type}`));
    }
    const parsed = v.safeParse(definition.req, payload);
    if (!parsed.success) {
      log.warn(`dropped "${type}" with an invalid payload`, describeIssues(parsed.issues));
      return Promise.resolve({ ok: false, error: CommandError.invalidInput(fieldIssuesOf(parsed.issues)).payload });
    }
    return run(commandType, parsed.output, sender);
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
export function classifySender(sender: Runtime.MessageSender): CommandSender | null {
  if (sender.id !== browser.runtime.id) return null;
  const url = sender.url ?? '';
  const tabId = sender.tab?.id ?? null;
  if (url.startsWith(browser.runtime.getURL(''))) return { kind: 'extension-page', tabId, url };
  if (tabId !== null) return { kind: 'content-script', tabId, url };
  return null;
}

function describeIssues(issues: readonly v.BaseIssue<unknown>[]): string {
  return issues.map((issue) => `${v.getDotPath(issue) ?? '(root)'}: ${issue.message}`).join('; ');
}
