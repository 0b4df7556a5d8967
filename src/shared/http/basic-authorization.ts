/**
 * An HTTP Basic `Authorization` value (RFC 7617) for a user and password, encoded as UTF-8 (a user id or password
 * may hold any character): for CardDAV and provisioned directories, and BroadWorks XSI.
 */
export function basicAuthorization(user: string, password: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(`${user}:${password}`)) binary += String.fromCharCode(byte);
  return `Basic ${btoa(binary)}`;
}
