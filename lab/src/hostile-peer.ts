import { randomBytes } from 'node:crypto';
import type { ParsedMessage } from './sip-parse.ts';
import type { EventPackage, PresenceServer } from './presence.ts';
import type { Registrar } from './registrar.ts';
import type { Connection } from './transport.ts';
import { responseTo } from './sip-response.ts';

/** Every Call-ID the hostile peer writes starts so: answers carrying one are its own, not the proxy's. */
const CALL_ID_PREFIX = 'hostile-';

/**
 * The lab's fault injection: it plays a hostile SIP server or peer towards one registered user. It sends any text at
 * all on the user's own WebSocket (malformed, huge, with script in names) and NOTIFYs with any body inside the
 * user's live subscriptions, and keeps the answers the user's phone gave, so a test can tell how each was refused.
 *
 * A message is written as a template; these placeholders are filled in (each optional):
 * `{{ruri}}` the user's registered contact, `{{user}}` and `{{domain}}` its address, `{{lab}}` the lab's own URI,
 * `{{branch}}` a fresh Via branch, `{{callId}}` and `{{tag}}` fresh values, `{{length}}` the body's length in bytes
 * (everything after the first blank line).
 */
export class HostilePeer {
  /**
   * The status codes each message was answered with, in order (provisional ones included), by Call-ID: a message
   * may have no Via branch, and a CANCEL's answers go with its INVITE's.
   */
  readonly #answers = new Map<string, { statuses: number[]; toTag: string | null }>();

  /** REGISTERs still to refuse (`refuseRegisters`), and how. */
  #registerRefusals: { count: number; status: number; reason: string; retryAfterSeconds: number | null } | null = null;

  constructor(
    private readonly domain: string,
    private readonly labUri: () => string,
    private readonly registrar: Registrar,
    private readonly connectionById: (id: string) => Connection | undefined,
    private readonly presence: PresenceServer,
  ) {}

  /**
   * Sends `template` to `user`'s registered connection: what was sent and the Call-ID it carries (answers are kept
   * under it), or null if the user is not registered.
   */
  send(user: string, template: string): { callId: string; text: string } | null {
    const binding = this.registrar.binding(user);
    const connection = binding === undefined ? undefined : this.connectionById(binding.connectionId);
    if (binding === undefined || connection === undefined) return null;
    const branch = `z9hG4bK-hostile-${randomBytes(6).toString('hex')}`;
    const callId = `${CALL_ID_PREFIX}${randomBytes(8).toString('hex')}`;
    const filled = template
      .replaceAll('{{ruri}}', binding.contact)
      .replaceAll('{{user}}', user)
      .replaceAll('{{domain}}', this.domain)
      .replaceAll('{{lab}}', this.labUri())
      .replaceAll('{{branch}}', branch)
      .replaceAll('{{callId}}', callId)
      .replaceAll('{{tag}}', randomBytes(4).toString('hex'));
    const text = filled.replaceAll('{{length}}', String(Buffer.byteLength(bodyOf(filled), 'utf8')));
    // The message's own Call-ID if it has one (a case may pad or replace it): its answers come back under it.
    const written = /^(?:Call-ID|i)[ \t]*:[ \t]*([^\r\n]*)/im.exec(text)?.[1]?.trim() || callId;
    if (!this.#answers.has(written)) this.#answers.set(written, { statuses: [], toTag: null });
    connection.send(text);
    return { callId: written, text };
  }

  /**
   * A NOTIFY with this body inside `subscriber`'s live subscription to `resource`'s `event`, as the PBX would send
   * it: false when there is no such subscription.
   */
  notify(
    subscriber: string,
    event: EventPackage,
    resource: string,
    content: { body: string; contentType: string },
  ): boolean {
    return this.presence.notifyWithBody(`sip:${subscriber}@${this.domain}`, event, resource, content);
  }

  /**
   * The next `count` REGISTERs (of anyone) are answered `status` (503 Service Unavailable, say), with a Retry-After
   * when given: the PBX overloaded or in maintenance.
   */
  refuseRegisters(count: number, status: number, reason: string, retryAfterSeconds: number | null): void {
    this.#registerRefusals = { count, status, reason, retryAfterSeconds };
  }

  /** The refusal for this REGISTER (its text), or null when none is due. */
  takeRegisterRefusal(request: string): string | null {
    const refusal = this.#registerRefusals;
    if (refusal === null || refusal.count <= 0) return null;
    refusal.count--;
    const headers = refusal.retryAfterSeconds === null ? [] : [`Retry-After: ${refusal.retryAfterSeconds}`];
    return responseTo(request, refusal.status, refusal.reason, headers);
  }

  /** A response to one of ours is recorded here and goes no further (true); any other is not ours (false). */
  takeResponse(message: ParsedMessage): boolean {
    if (!message.callId.startsWith(CALL_ID_PREFIX)) return false;
    const answers = this.#answers.get(message.callId) ?? { statuses: [], toTag: null };
    this.#answers.set(message.callId, answers);
    answers.statuses.push((message as { statusCode: number }).statusCode);
    answers.toTag = message.toTag || answers.toTag;
    return true;
  }

  /**
   * The status codes the user's phone answered the messages of `callId` with so far, and the To tag it gave (what an
   * ACK or a BYE in that dialog must carry).
   */
  answersTo(callId: string): { readonly statuses: readonly number[]; readonly toTag: string | null } {
    return this.#answers.get(callId) ?? { statuses: [], toTag: null };
  }
}

function bodyOf(message: string): string {
  const end = message.indexOf('\r\n\r\n');
  return end === -1 ? '' : message.slice(end + 4);
}
