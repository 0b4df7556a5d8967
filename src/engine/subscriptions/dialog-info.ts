import { XMLParser, XMLValidator } from 'fast-xml-parser';

/** The largest dialog-info document read: a line with a few calls is far smaller; a huge one is refused. */
export const MAX_DIALOG_INFO_BYTES = 64 * 1024;
/** The most dialogs read from one document (a PBX lists a user's calls; more is noise or hostility). */
const MAX_DIALOGS = 32;
const MAX_TEXT = 256;

/** A dialog's state (RFC 4235 §4.1.2); compared without case, as Kamailio sends `Trying`. */
export type DialogState = 'trying' | 'proceeding' | 'early' | 'confirmed' | 'terminated';

/** One `<dialog>` of a dialog-info document, with what the lamps and pickup use. */
export interface DialogEntry {
  readonly id: string;
  readonly state: DialogState;
  readonly direction: 'initiator' | 'recipient' | null;
  readonly callId: string | null;
  readonly localTag: string | null;
  readonly remoteTag: string | null;
  /** The other party: display name or address, as the PBX wrote it. */
  readonly remoteIdentity: string | null;
  readonly remoteDisplay: string | null;
  /** The other party's Contact (`<remote><target uri>`), where a pickup INVITE goes. */
  readonly remoteTarget: string | null;
  /** Seconds the dialog has lasted, when the PBX says (`<duration>`). */
  readonly durationSeconds: number | null;
  /** The colleague's own side renders no media: they put the call on hold (`+sip.rendering=no`). */
  readonly isLocalHeld: boolean;
}

/** A dialog-info document (RFC 4235 §4): the whole state of the line, or changes to it. */
export interface DialogInfo {
  readonly version: number;
  readonly isFull: boolean;
  readonly dialogs: readonly DialogEntry[];
}

export class DialogInfoError extends Error {}

const STATES: readonly DialogState[] = ['trying', 'proceeding', 'early', 'confirmed', 'terminated'];
const ARRAYS = new Set(['dialog', 'param']);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  isArray: (name) => ARRAYS.has(name),
});

type Node = Record<string, unknown>;

/**
 * Reads an `application/dialog-info+xml` body with fast-xml-parser. A document that is not well-formed XML, carries a
 * DTD (never needed here; entity expansion is how XML bombs work), is too large or is not dialog-info throws a
 * `DialogInfoError` saying why; unknown elements and attributes are ignored, unknown states skip their dialog. An
 * empty body is an idle line.
 */
export function parseDialogInfo(body: string): DialogInfo {
  // A notifier with no state for the line sends no body (Kamailio, until a call is published): nothing is going on.
  if (body.trim() === '') return { version: -1, isFull: true, dialogs: [] };
  if (body.length > MAX_DIALOG_INFO_BYTES) throw new DialogInfoError(`document too large (${body.length} bytes)`);
  if (body.includes('<!DOCTYPE') || body.includes('<!ENTITY')) throw new DialogInfoError('a DTD is not allowed');
  const validity = XMLValidator.validate(body);
  if (validity !== true) throw new DialogInfoError(`not well-formed XML: ${validity.err.msg}`);
  const root = asNode(asNode(parser.parse(body))?.['dialog-info']);
  if (root === null) throw new DialogInfoError('no <dialog-info> element');
  const version = Number(root['@version']);
  if (!Number.isSafeInteger(version) || version < 0) throw new DialogInfoError('no valid version');
  const dialogs = asArray(root['dialog'])
    .slice(0, MAX_DIALOGS)
    .map(dialogEntry)
    .filter((entry) => entry !== null);
  return { version, isFull: root['@state'] !== 'partial', dialogs };
}

function dialogEntry(raw: unknown): DialogEntry | null {
  const node = asNode(raw);
  if (node === null) return null;
  const state = textOf(node['state'])?.toLowerCase() as DialogState | undefined;
  if (state === undefined || !STATES.includes(state)) return null;
  const id = attribute(node, 'id');
  if (id === null) return null;
  const direction = attribute(node, 'direction');
  const remote = asNode(node['remote']);
  const local = asNode(node['local']);
  const remoteIdentity = asNode(remote?.['identity']);
  const duration = Number(textOf(node['duration']));
  return {
    id,
    state,
    direction: direction === 'initiator' || direction === 'recipient' ? direction : null,
    callId: attribute(node, 'call-id'),
    localTag: attribute(node, 'local-tag'),
    remoteTag: attribute(node, 'remote-tag'),
    remoteIdentity: textOf(remote?.['identity']),
    remoteDisplay: remoteIdentity === null ? null : attribute(remoteIdentity, 'display'),
    remoteTarget: attribute(asNode(remote?.['target']), 'uri'),
    durationSeconds: Number.isFinite(duration) && duration >= 0 ? duration : null,
    isLocalHeld: asArray(asNode(local?.['target'])?.['param']).some((param) => {
      const each = asNode(param);
      return attribute(each, 'pname') === '+sip.rendering' && attribute(each, 'pvalue')?.toLowerCase() === 'no';
    }),
  };
}

function asNode(value: unknown): Node | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Node) : null;
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : value === undefined ? [] : [value];
}

/** An element's text (`<state>early</state>`, or `{ '#text': … }` when it has attributes), trimmed and bounded. */
function textOf(value: unknown): string | null {
  const text = typeof value === 'string' ? value : asNode(value)?.['#text'];
  if (typeof text !== 'string') return null;
  const trimmed = text.trim();
  return trimmed === '' ? null : trimmed.slice(0, MAX_TEXT);
}

function attribute(node: Node | null, name: string): string | null {
  const value = node?.[`@${name}`];
  return typeof value === 'string' && value.trim() !== '' ? value.trim().slice(0, MAX_TEXT) : null;
}
