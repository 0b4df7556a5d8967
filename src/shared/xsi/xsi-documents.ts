import { XMLBuilder, XMLParser, XMLValidator } from 'fast-xml-parser';

/** The namespace of every XSI-Actions document (BroadWorks XSI interface specification §3). */
export const XSI_NAMESPACE = 'http://schema.broadsoft.com/xsi';

/** The largest XSI document read (a service's settings are small; a directory page is read elsewhere). */
const MAX_DOCUMENT_BYTES = 256 * 1024;

export class XsiDocumentError extends Error {}

/** `services/DoNotDisturb` (spec §3.5.3.15): on or off, and whether a call it turns away still rings once. */
export interface XsiDoNotDisturb {
  readonly isActive: boolean;
  readonly hasRingSplash: boolean;
}

/** `services/CallForwardingAlways` (spec §3.5.3.39). */
export interface XsiCallForwardingAlways {
  readonly isActive: boolean;
  readonly forwardTo: string;
  readonly hasRingSplash: boolean;
}

const parser = new XMLParser({
  ignoreAttributes: true,
  removeNSPrefix: true,
  parseTagValue: false,
  trimValues: true,
});

type Node = Record<string, unknown>;

/**
 * Reads an XSI document with fast-xml-parser: refused (with the reason) when it is not well-formed, carries a DTD, is
 * too large, or its root is not `expected`. Unknown elements are ignored.
 */
function rootOf(xml: string, expected: string): Node {
  if (xml.length > MAX_DOCUMENT_BYTES) throw new XsiDocumentError(`document too large (${xml.length} bytes)`);
  if (xml.includes('<!DOCTYPE') || xml.includes('<!ENTITY')) throw new XsiDocumentError('a DTD is not allowed');
  const validity = XMLValidator.validate(xml);
  if (validity !== true) throw new XsiDocumentError(`not well-formed XML: ${validity.err.msg}`);
  const document = parser.parse(xml) as Node;
  const root = document[expected];
  if (root === undefined) throw new XsiDocumentError(`expected <${expected}>`);
  // An element with no children (`<DoNotDisturb/>`) reads as an empty string.
  return typeof root === 'object' && root !== null ? (root as Node) : {};
}

function text(node: Node, name: string): string {
  const value = node[name];
  return typeof value === 'string' ? value.trim() : '';
}

function flag(node: Node, name: string): boolean {
  return text(node, name) === 'true';
}

export function parseDoNotDisturb(xml: string): XsiDoNotDisturb {
  const root = rootOf(xml, 'DoNotDisturb');
  return { isActive: flag(root, 'active'), hasRingSplash: flag(root, 'ringSplash') };
}

export function parseCallForwardingAlways(xml: string): XsiCallForwardingAlways {
  const root = rootOf(xml, 'CallForwardingAlways');
  return {
    isActive: flag(root, 'active'),
    forwardTo: text(root, 'forwardToPhoneNumber').slice(0, 64),
    hasRingSplash: flag(root, 'ringSplash'),
  };
}

/** The server's reason in an `<ErrorInfo>` (spec §3.3: `summary`, `summaryEnglish`, `errorCode`); null if none. */
export function parseErrorInfo(xml: string): { summary: string; errorCode: string } | null {
  try {
    const root = rootOf(xml, 'ErrorInfo');
    return {
      summary: (text(root, 'summaryEnglish') || text(root, 'summary')).slice(0, 256),
      errorCode: text(root, 'errorCode').slice(0, 16),
    };
  } catch {
    return null;
  }
}

const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_', suppressEmptyNode: false });

function document(root: string, content: Node): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${builder.build({ [root]: { '@_xmlns': XSI_NAMESPACE, ...content } })}`;
}

export function doNotDisturbXml(settings: XsiDoNotDisturb): string {
  return document('DoNotDisturb', { active: settings.isActive, ringSplash: settings.hasRingSplash });
}

export function callForwardingAlwaysXml(settings: XsiCallForwardingAlways): string {
  return document('CallForwardingAlways', {
    active: settings.isActive,
    // An empty number is left out: XSI refuses an empty forwardToPhoneNumber.
    ...(settings.forwardTo === '' ? {} : { forwardToPhoneNumber: settings.forwardTo }),
    ringSplash: settings.hasRingSplash,
  });
}
