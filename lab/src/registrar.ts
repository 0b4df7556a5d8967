import type { IncomingRequestMessage } from 'sip.js/lib/core';
import { challengeHeader, newNonce, parseDigest, verifyDigest } from './digest.ts';
import { uriParts } from './sip-parse.ts';
import { responseTo } from './sip-response.ts';
import type { Connection } from './transport.ts';

export interface Binding {
  readonly user: string;
  /** The contact as registered; in-dialog requests name it in their Request-URI. */
  readonly contact: string;
  readonly contactUser: string;
  readonly connectionId: string;
  readonly expiresAt: number;
}

const MAX_EXPIRES = 3600;
const NONCE_LIFETIME_MS = 5 * 60_000;

/**
 * The registrar and location service: REGISTER with digest authentication against the office's users, one binding
 * per user (the latest), removed when it expires, when unregistered, or when its WebSocket closes.
 */
export class Registrar {
  readonly #bindings = new Map<string, Binding>();
  readonly #nonces = new Map<string, number>();
  /** Passwords the administrator changed since the lab started (the control API's `…/password`). */
  readonly #changedPasswords = new Map<string, string>();

  constructor(
    private readonly realm: string,
    private readonly passwordOf: (user: string) => string | undefined,
  ) {}

  /** The administrator sets a user's new password; false for a user the office does not have. */
  changePassword(user: string, password: string): boolean {
    if (this.passwordOf(user) === undefined) return false;
    this.#changedPasswords.set(user, password);
    return true;
  }

  /** Answers a REGISTER (the reply to send back on the same connection). */
  register(request: IncomingRequestMessage, raw: string, connection: Connection): string {
    const user = request.to.uri.user ?? '';
    const password = this.#changedPasswords.get(user) ?? this.passwordOf(user);
    const credentials = parseDigest(request.getHeader('authorization') ?? '');
    const isAuthentic =
      password !== undefined &&
      credentials !== null &&
      credentials['username'] === user &&
      verifyDigest(credentials, 'REGISTER', password, (nonce) => this.#isFreshNonce(nonce));
    if (!isAuthentic) {
      const nonce = newNonce();
      this.#nonces.set(nonce, Date.now() + NONCE_LIFETIME_MS);
      return responseTo(raw, 401, 'Unauthorized', [`WWW-Authenticate: ${challengeHeader(this.realm, nonce)}`]);
    }
    const contactHeader = request.getHeader('contact') ?? '';
    const contact = /<([^>]*)>/.exec(contactHeader)?.[1] ?? contactHeader.split(';')[0]?.trim() ?? '';
    const expiresParam = /;\s*expires=(\d+)/i.exec(contactHeader)?.[1] ?? request.getHeader('expires') ?? '600';
    const expires = Math.min(MAX_EXPIRES, Number(expiresParam));
    if (expires === 0 || contact === '') {
      this.#bindings.delete(user);
      return responseTo(raw, 200, 'OK');
    }
    this.#bindings.set(user, {
      user,
      contact,
      contactUser: uriParts(contact)?.user ?? '',
      connectionId: connection.id,
      expiresAt: Date.now() + expires * 1000,
    });
    return responseTo(raw, 200, 'OK', [`Contact: <${contact}>;expires=${expires}`]);
  }

  binding(user: string): Binding | undefined {
    const binding = this.#bindings.get(user);
    if (binding !== undefined && binding.expiresAt < Date.now()) {
      this.#bindings.delete(user);
      return undefined;
    }
    return binding;
  }

  /** The binding whose contact a Request-URI names (in-dialog requests and Refer-To targets). */
  bindingByContactUser(contactUser: string): Binding | undefined {
    for (const binding of this.#bindings.values()) if (binding.contactUser === contactUser) return binding;
    return undefined;
  }

  /** The user registered with this contact (a request sent to a contact, as a Refer-To names one), if any. */
  userOfContact(contactUser: string): string | undefined {
    for (const [user, binding] of this.#bindings) if (binding.contactUser === contactUser) return user;
    return undefined;
  }

  registeredUsers(): string[] {
    return [...this.#bindings.keys()].filter((user) => this.binding(user) !== undefined);
  }

  dropConnection(connectionId: string): void {
    for (const [user, binding] of this.#bindings)
      if (binding.connectionId === connectionId) this.#bindings.delete(user);
  }

  #isFreshNonce(nonce: string): boolean {
    const expiresAt = this.#nonces.get(nonce);
    return expiresAt !== undefined && expiresAt > Date.now();
  }
}
