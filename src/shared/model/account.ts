import * as v from 'valibot';

/**
 * The receptionist's SIP account as the settings hold it. The password is not part of it: it travels once, in
 * `account/save`, and then lives only in session storage (see docs/ARCHITECTURE.md, "Credentials").
 *
 * Validation messages are i18n keys (`_locales/*\/messages.json`), so every context shows them in the user's language.
 */

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

/** True for a host name that never leaves this machine, where an unencrypted ws:// is acceptable. */
export function isLoopbackHost(host: string): boolean {
  return LOOPBACK_HOSTS.has(host) || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

function isAcceptableWebSocketUrl(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (url.protocol === 'wss:') return url.hostname !== '';
  // A plain ws:// would send the SIP digest exchange in clear over a network; allow it for a local lab only.
  return url.protocol === 'ws:' && isLoopbackHost(url.hostname);
}

/** `alice@example.com` or `sip:alice@example.com`; returns the form without scheme, or null. */
export function normaliseSipAddress(value: string): string | null {
  const trimmed = value.trim().replace(/^sips?:/i, '');
  const match = /^([^@\s:;]+)@([A-Za-z0-9.-]+|\[[0-9A-Fa-f:]+\])(:\d{1,5})?$/.exec(trimmed);
  return match ? trimmed : null;
}

const trimmedString = v.pipe(v.string(), v.trim());

/** An XSI root URL (`https://xsp.example.com`): HTTPS, or plain HTTP to this machine (the lab). */
function isAcceptableXsiUrl(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (url.protocol === 'https:') return url.hostname !== '';
  return url.protocol === 'http:' && isLoopbackHost(url.hostname);
}

export const AccountSettingsSchema = v.object({
  serverUrl: v.pipe(
    trimmedString,
    v.nonEmpty('error_server_required'),
    v.check(isAcceptableWebSocketUrl, 'error_server_url'),
  ),
  sipAddress: v.pipe(
    trimmedString,
    v.nonEmpty('error_sip_address_required'),
    v.check((value) => normaliseSipAddress(value) !== null, 'error_sip_address'),
    v.transform((value) => normaliseSipAddress(value) ?? value),
  ),
  /** Defaults to the user part of the SIP address when left empty. */
  authorizationUser: v.pipe(trimmedString, v.maxLength(128, 'error_too_long')),
  displayName: v.pipe(trimmedString, v.maxLength(128, 'error_too_long')),
  outboundProxy: v.pipe(
    trimmedString,
    v.check((value) => value === '' || /^sips?:[^\s]+$/i.test(value), 'error_outbound_proxy'),
  ),
  /**
   * The PBX's services backend: empty for plain SIP (the console acts, or dials feature codes); the root of a
   * BroadWorks Xtended Services Platform for XSI (`https://xsp.example.com`; the paths are the specification's).
   * Absent in accounts saved before it existed.
   */
  xsiUrl: v.optional(
    v.pipe(
      trimmedString,
      v.check((value) => value === '' || isAcceptableXsiUrl(value), 'error_xsi_url'),
      v.transform((value) => value.replace(/\/+$/, '')),
    ),
    '',
  ),
});

export type AccountSettings = v.InferOutput<typeof AccountSettingsSchema>;

export const PasswordSchema = v.pipe(
  v.string(),
  v.nonEmpty('error_password_required'),
  v.maxLength(256, 'error_too_long'),
);

/** What the login form sends: the account plus the password and whether to remember it. */
export const AccountFormSchema = v.object({
  account: AccountSettingsSchema,
  password: PasswordSchema,
  rememberMe: v.boolean(),
});

export type AccountForm = v.InferOutput<typeof AccountFormSchema>;

/**
 * What the engine authenticates with: the password typed in this browser session, or the digest HA1 that
 * "remember me" keeps instead of it (valid for one realm).
 */
export const CredentialSchema = v.variant('kind', [
  v.object({ kind: v.literal('password'), password: PasswordSchema }),
  v.object({ kind: v.literal('ha1'), ha1: v.pipe(v.string(), v.regex(/^[0-9a-f]{32}$/)) }),
]);
export type Credential = v.InferOutput<typeof CredentialSchema>;

/** The user part of the SIP address: the authorization user when none is given. */
export function effectiveAuthorizationUser(account: AccountSettings): string {
  return account.authorizationUser || account.sipAddress.split('@')[0] || '';
}

/** Settings › General › Change password. The confirmation must repeat the new password. */
export const PasswordChangeSchema = v.pipe(
  v.object({ current: PasswordSchema, next: PasswordSchema, confirm: v.string() }),
  v.forward(
    v.check((form) => form.confirm === form.next, 'error_password_mismatch'),
    ['confirm'],
  ),
);
export type PasswordChange = v.InferOutput<typeof PasswordChangeSchema>;
