import {
  Grammar,
  LoggerFactory,
  Parser,
  type IncomingRequestMessage,
  type IncomingResponseMessage,
} from 'sip.js/lib/core';

/** sip.js's own parser and grammar: the lab writes no SIP parser of its own. */
const loggers = new LoggerFactory();
loggers.builtinEnabled = false;
const quietLogger = loggers.getLogger('lab.parser');

export type ParsedMessage = IncomingRequestMessage | IncomingResponseMessage;

export function parseSip(data: string): ParsedMessage | undefined {
  return Parser.parseMessage(data, quietLogger);
}

/** A request (with the Request-URI sip.js parsed); anything else is a response. */
export function isRequest(
  message: ParsedMessage,
): message is IncomingRequestMessage & { ruri: NonNullable<IncomingRequestMessage['ruri']> } {
  return (message as IncomingRequestMessage).ruri !== undefined;
}

export function isResponse(message: ParsedMessage): message is IncomingResponseMessage {
  return (message as IncomingResponseMessage).statusCode !== undefined;
}

/** The user and host of a SIP URI (or name-addr), by sip.js's grammar; null if it does not parse. */
export function uriParts(text: string): { user: string; host: string; params: Record<string, unknown> } | null {
  const bare = /<([^>]*)>/.exec(text)?.[1] ?? text.trim();
  const uri = Grammar.URIParse(bare);
  if (uri === undefined) return null;
  return { user: uri.user ?? '', host: uri.host, params: uri.parameters };
}
