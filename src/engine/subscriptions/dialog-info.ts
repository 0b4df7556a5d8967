import { SaxesParser, type SaxesTagNS } from 'saxes';

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

/** The elements read, by their path of local names under `<dialog>` (any namespace prefix). */
const STATE = 'state';
const DURATION = 'duration';
const REMOTE_IDENTITY = 'remote/identity';
const REMOTE_TARGET = 'remote/target';
const LOCAL_TARGET_PARAM = 'local/target/param';

/** One `<dialog>` as read so far: the first of each element counts. */
interface DialogDraft {
  readonly attributes: ReadonlyMap<string, string>;
  readonly texts: Map<string, string>;
  remoteDisplay: string | null;
  remoteTarget: string | null;
  isLocalHeld: boolean;
}

/**
 * Reads an `application/dialog-info+xml` body with saxes, in one pass that also checks it is well-formed (a burst of
 * lamp changes reads hundreds: fast-xml-parser's check and parse took four times as long). A document that is not
 * well-formed XML, carries a DTD (never needed here; entity expansion is how XML bombs work), is too large or is not
 * dialog-info throws a `DialogInfoError` saying why; elements are matched by local name whatever their prefix,
 * unknown elements and attributes are ignored, unknown states skip their dialog. An empty body is an idle line.
 */
export function parseDialogInfo(body: string): DialogInfo {
  // A notifier with no state for the line sends no body (Kamailio, until a call is published): nothing is going on.
  if (body.trim() === '') return { version: -1, isFull: true, dialogs: [] };
  if (body.length > MAX_DIALOG_INFO_BYTES) throw new DialogInfoError(`document too large (${body.length} bytes)`);
  if (body.includes('<!DOCTYPE') || body.includes('<!ENTITY')) throw new DialogInfoError('a DTD is not allowed');
  reading = newReading();
  const parser = sharedParser ?? (sharedParser = newParser());
  try {
    // A byte order mark, or a line break before the declaration, is not the document's business.
    parser.write(body.replace(/^[\uFEFF\s]+/, '')).close();
  } catch (error) {
    // Left half-way through a document: the next one gets a parser of its own.
    sharedParser = null;
    throw error;
  }
  const { root, isDialogInfo, drafts } = reading;
  if (root === null || !isDialogInfo) throw new DialogInfoError('no <dialog-info> element');
  const version = Number(root.get('version'));
  if (!Number.isSafeInteger(version) || version < 0) throw new DialogInfoError('no valid version');
  const dialogs = drafts.map(dialogEntry).filter((entry) => entry !== null);
  return { version, isFull: root.get('state') !== 'partial', dialogs };
}

/** What one document has said so far, as its parser's handlers read it. */
interface Reading {
  root: ReadonlyMap<string, string> | null;
  isDialogInfo: boolean;
  readonly drafts: DialogDraft[];
  draft: DialogDraft | null;
  /** The local names of the open elements below the root. */
  readonly path: string[];
  /** The text of the element being read, when it is one whose text counts. */
  text: { readonly key: string; value: string } | null;
}

function newReading(): Reading {
  return { root: null, isDialogInfo: false, drafts: [], draft: null, path: [], text: null };
}

/** The document being read (documents are read one at a time, each to its end). */
let reading = newReading();
/**
 * One parser for every document, its handlers reading `reading`: saxes starts afresh after `close()`, and building a
 * parser for each NOTIFY was ~20 µs of each in a burst of lamp changes. One that stopped on an error is not reused.
 */
let sharedParser: SaxesParser<{ xmlns: true; position: false }> | null = null;

function newParser(): SaxesParser<{ xmlns: true; position: false }> {
  const parser = new SaxesParser({ xmlns: true, position: false });
  parser.on('opentag', opened);
  const addText = (chunk: string) => {
    const { text } = reading;
    if (text !== null && text.value.length <= MAX_TEXT * 4) text.value += chunk;
  };
  parser.on('text', addText);
  parser.on('cdata', addText);
  parser.on('closetag', () => {
    const { text, draft, path } = reading;
    if (text !== null && draft !== null && path.slice(1).join('/') === text.key) {
      draft.texts.set(text.key, text.value);
      reading.text = null;
    }
    path.pop();
  });
  parser.on('error', (error) => {
    throw new DialogInfoError(`not well-formed XML: ${error.message}`);
  });
  return parser;
}

/** An element opened: the root, a `<dialog>` (the first MAX_DIALOGS), or one of a dialog's elements that count. */
function opened(tag: SaxesTagNS): void {
  if (reading.root === null) {
    reading.root = attributesOf(tag);
    reading.isDialogInfo = tag.local === 'dialog-info';
    return;
  }
  const { path, drafts } = reading;
  path.push(tag.local);
  if (!reading.isDialogInfo) return;
  if (path.length === 1) {
    reading.draft = null;
    if (tag.local === 'dialog' && drafts.length < MAX_DIALOGS) {
      const draft: DialogDraft = {
        attributes: attributesOf(tag),
        texts: new Map(),
        remoteDisplay: null,
        remoteTarget: null,
        isLocalHeld: false,
      };
      reading.draft = draft;
      drafts.push(draft);
    }
    return;
  }
  const { draft } = reading;
  if (draft === null) return;
  const key = path.slice(1).join('/');
  if ((key === STATE || key === DURATION || key === REMOTE_IDENTITY) && !draft.texts.has(key)) {
    reading.text = { key, value: '' };
    if (key === REMOTE_IDENTITY) draft.remoteDisplay = attributeOf(tag, 'display');
  } else if (key === REMOTE_TARGET) {
    draft.remoteTarget ??= attributeOf(tag, 'uri');
  } else if (key === LOCAL_TARGET_PARAM) {
    draft.isLocalHeld ||=
      attributeOf(tag, 'pname') === '+sip.rendering' && attributeOf(tag, 'pvalue')?.toLowerCase() === 'no';
  }
}

function dialogEntry(draft: DialogDraft): DialogEntry | null {
  const state = bounded(draft.texts.get(STATE))?.toLowerCase() as DialogState | undefined;
  if (state === undefined || !STATES.includes(state)) return null;
  const attribute = (name: string) => bounded(draft.attributes.get(name));
  const id = attribute('id');
  if (id === undefined) return null;
  const direction = attribute('direction');
  const duration = Number(bounded(draft.texts.get(DURATION)));
  return {
    id,
    state,
    direction: direction === 'initiator' || direction === 'recipient' ? direction : null,
    callId: attribute('call-id') ?? null,
    localTag: attribute('local-tag') ?? null,
    remoteTag: attribute('remote-tag') ?? null,
    remoteIdentity: bounded(draft.texts.get(REMOTE_IDENTITY)) ?? null,
    remoteDisplay: draft.remoteDisplay,
    remoteTarget: draft.remoteTarget,
    durationSeconds: Number.isFinite(duration) && duration >= 0 ? duration : null,
    isLocalHeld: draft.isLocalHeld,
  };
}

/** An element's attributes by local name (any prefix): the first of each name. */
function attributesOf(tag: SaxesTagNS): Map<string, string> {
  const attributes = new Map<string, string>();
  for (const attribute of Object.values(tag.attributes))
    if (!attributes.has(attribute.local)) attributes.set(attribute.local, attribute.value);
  return attributes;
}

function attributeOf(tag: SaxesTagNS, name: string): string | null {
  return bounded(attributesOf(tag).get(name)) ?? null;
}

/** A text or attribute, trimmed and bounded; undefined when there is none. */
function bounded(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === '' ? undefined : trimmed.slice(0, MAX_TEXT);
}
