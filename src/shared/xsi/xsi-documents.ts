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

/** An element as fast-xml-parser reads it: children by name, text as strings. */
export type XsiNode = Record<string, unknown>;
type Node = XsiNode;

/** Refuses (with the reason) a document that is too large, carries a DTD, or is not well-formed XML. */
export function checkXsiDocument(xml: string): void {
  if (xml.length > MAX_DOCUMENT_BYTES) throw new XsiDocumentError(`document too large (${xml.length} bytes)`);
  if (xml.includes('<!DOCTYPE') || xml.includes('<!ENTITY')) throw new XsiDocumentError('a DTD is not allowed');
  const validity = XMLValidator.validate(xml);
  if (validity !== true) throw new XsiDocumentError(`not well-formed XML: ${validity.err.msg}`);
}

/**
 * Reads an XSI document with fast-xml-parser: refused (with the reason) when `checkXsiDocument` refuses it or its root
 * is not `expected`. Unknown elements are ignored.
 */
export function rootOf(xml: string, expected: string): Node {
  checkXsiDocument(xml);
  const document = parser.parse(xml) as Node;
  const root = document[expected];
  if (root === undefined) throw new XsiDocumentError(`expected <${expected}>`);
  // An element with no children (`<DoNotDisturb/>`) reads as an empty string.
  return typeof root === 'object' && root !== null ? (root as Node) : {};
}

export function text(node: Node, name: string): string {
  const value = node[name];
  return typeof value === 'string' ? value.trim() : '';
}

export function flag(node: Node, name: string): boolean {
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

/** An XSI document to send: `root` in the XSI namespace with `content`. */
export function xsiDocument(root: string, content: Node): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${builder.build({ [root]: { '@_xmlns': XSI_NAMESPACE, ...content } })}`;
}

export function doNotDisturbXml(settings: XsiDoNotDisturb): string {
  return xsiDocument('DoNotDisturb', { active: settings.isActive, ringSplash: settings.hasRingSplash });
}

export function callForwardingAlwaysXml(settings: XsiCallForwardingAlways): string {
  return xsiDocument('CallForwardingAlways', {
    active: settings.isActive,
    // An empty number is left out: XSI refuses an empty forwardToPhoneNumber.
    ...(settings.forwardTo === '' ? {} : { forwardToPhoneNumber: settings.forwardTo }),
    ringSplash: settings.hasRingSplash,
  });
}

/** One person of an XSI Enterprise directory page (`enterpriseDirectory/directoryDetails`, spec §3.5.7.7). */
export interface XsiDirectoryEntry {
  readonly userId: string;
  readonly name: string;
  readonly number: string;
  readonly extension: string;
  readonly mobile: string;
  readonly email: string;
  readonly department: string;
  readonly title: string;
  readonly location: string;
}

/** A page of `directories/Enterprise`: its people, and how many the directory has in all (spec §3.5.18 paging). */
export function parseEnterpriseDirectory(xml: string): { total: number; entries: XsiDirectoryEntry[] } {
  const root = rootOf(xml, 'Enterprise');
  const rows = childrenOf(childOf(root, 'enterpriseDirectory'), 'directoryDetails');
  const total = Number(text(root, 'totalAvailableRecords'));
  const entries = rows.map((row) => {
    const extra = childOf(row, 'additionalDetails');
    const bounded = (node: Node, name: string, max = 200) => text(node, name).slice(0, max);
    return {
      userId: bounded(row, 'userId'),
      name: `${bounded(row, 'firstName')} ${bounded(row, 'lastName')}`.trim(),
      number: bounded(row, 'number', 64),
      extension: bounded(row, 'extension', 64),
      mobile: bounded(extra, 'mobile', 64),
      email: bounded(extra, 'emailAddress', 254),
      department: bounded(extra, 'department'),
      title: bounded(extra, 'title'),
      location: bounded(extra, 'location'),
    };
  });
  return { total: Number.isSafeInteger(total) && total >= 0 ? total : entries.length, entries };
}

/** The element `name` of `node` (an empty one when absent or only text). */
export function childOf(node: Node, name: string): Node {
  const child = node[name];
  return typeof child === 'object' && child !== null && !Array.isArray(child) ? (child as Node) : {};
}

/** Every element `name` of `node` that has content, one or many. */
export function childrenOf(node: Node, name: string): Node[] {
  const children = node[name];
  const list: unknown[] = Array.isArray(children) ? children : children === undefined ? [] : [children];
  return list.filter((child): child is Node => typeof child === 'object' && child !== null);
}
