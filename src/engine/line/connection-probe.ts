import type { UserAgent } from 'sip.js';

/**
 * How often the line asks the server whether it is still there, and how long it waits for the answer: often while a
 * call is up (a call on a dead connection must be known lost in seconds), seldom otherwise (the answer also keeps
 * NAT bindings open). An answer of any kind proves the connection; none in time means it is gone.
 */
export const PROBE = {
  idle: { everyMs: 25_000, timeoutMs: 5_000 },
  inCall: { everyMs: 3_000, timeoutMs: 2_000 },
} as const;

/**
 * One OPTIONS to the server (`sip:<domain>`) over the line's connection: resolves true at its answer, whatever it
 * says (200, 404, 405… all prove the connection), false when none came within `timeoutMs`. A WebSocket whose network
 * went away without a close — a frozen server, a NAT that forgot the mapping — stays "open" for minutes, and sip.js
 * alone would wait; its CRLF keep-alives expect no answer.
 */
export function probeServer(userAgent: UserAgent, domain: string, timeoutMs: number): Promise<boolean> {
  const core = userAgent.userAgentCore;
  const server = userAgent.configuration.uri.clone();
  server.user = undefined;
  server.host = domain;
  const message = core.makeOutgoingRequestMessage('OPTIONS', server, userAgent.configuration.uri, server, {});
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    const answered = () => {
      clearTimeout(timer);
      resolve(true);
    };
    try {
      core.request(message, { onAccept: answered, onReject: answered, onRedirect: answered });
    } catch {
      // Not connected at all: the line's own handling of the drop is already under way.
      clearTimeout(timer);
      resolve(false);
    }
  });
}
