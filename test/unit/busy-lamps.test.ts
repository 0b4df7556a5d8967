import { describe, expect, it } from 'vitest';
import { lampOf, LineDialogs } from '../../src/engine/subscriptions/busy-lamp.ts';
import { DialogInfoError, parseDialogInfo, type DialogEntry } from '../../src/engine/subscriptions/dialog-info.ts';
import * as v from 'valibot';
import { lampLineOf } from '../../src/shared/model/lamp.ts';
import { parkSlotsOf, ServicesSchema } from '../../src/shared/model/services.ts';

/** What Kamailio 5.6.3's pua_dialoginfo sent for a ringing colleague, as seen on the wire (pbx-interfaces.md §2c). */
const KAMAILIO_EARLY = `<?xml version="1.0"?>
<dialog-info xmlns="urn:ietf:params:xml:ns:dialog-info" version="1" state="full" entity="sip:b@lab.test">
<dialog id="padi-6b0ba5b8-7fab-1" call-id="call-pickup-1@a" local-tag="btag-4711" remote-tag="atag" direction="recipient"><state>early</state><remote><identity>sip:a@lab.test</identity><target uri="sip:a@127.0.0.1:5091"/></remote><local><identity>sip:b@lab.test</identity><target uri="sip:b@127.0.0.1:5092"/></local></dialog>
</dialog-info>`;

const document = (version: number, dialogs: string, state = 'full') =>
  `<?xml version="1.0"?><dialog-info xmlns="urn:ietf:params:xml:ns:dialog-info" version="${version}" state="${state}" entity="sip:201@pbx">${dialogs}</dialog-info>`;
const dialog = (id: string, state: string, extra = '', inner = '') =>
  `<dialog id="${id}" ${extra}><state>${state}</state>${inner}</dialog>`;

describe('reading dialog-info (RFC 4235)', () => {
  it("reads Kamailio's early dialog with everything a pickup needs", () => {
    const info = parseDialogInfo(KAMAILIO_EARLY);
    expect(info).toMatchObject({ version: 1, isFull: true });
    expect(info.dialogs[0]).toMatchObject({
      state: 'early',
      direction: 'recipient',
      callId: 'call-pickup-1@a',
      localTag: 'btag-4711',
      remoteTag: 'atag',
      remoteIdentity: 'sip:a@lab.test',
      remoteTarget: 'sip:a@127.0.0.1:5091',
      isLocalHeld: false,
    });
  });

  it('reads a document after a byte order mark or a line break, and the first of an element given twice', () => {
    const twice = dialog(
      'a',
      'early',
      '',
      '<remote><identity>sip:first@pbx</identity><identity>sip:second@pbx</identity></remote>',
    );
    for (const body of [`\uFEFF${document(5, twice)}`, `\r\n${document(5, twice)}`])
      expect(parseDialogInfo(body).dialogs[0]).toMatchObject({ state: 'early', remoteIdentity: 'sip:first@pbx' });
  });

  it('reads an empty body (a notifier with nothing published) as an idle line', () => {
    expect(parseDialogInfo('\r\n')).toEqual({ version: -1, isFull: true, dialogs: [] });
  });

  it('compares states without case (Kamailio sends "Trying") and skips unknown states', () => {
    const info = parseDialogInfo(document(2, dialog('a', 'Trying') + dialog('b', 'ringing-loudly')));
    expect(info.dialogs.map((each) => each.state)).toEqual(['trying']);
  });

  it('reads hold from +sip.rendering=no on the local target, and the duration', () => {
    const info = parseDialogInfo(
      document(
        3,
        dialog(
          'a',
          'confirmed',
          'direction="initiator"',
          '<duration>42</duration><local><target uri="sip:201@pc"><param pname="+sip.rendering" pvalue="no"/></target></local>',
        ),
      ),
    );
    expect(info.dialogs[0]).toMatchObject({ isLocalHeld: true, durationSeconds: 42 });
  });

  it('keeps a display name with markup as plain text, and ignores elements it does not know', () => {
    const info = parseDialogInfo(
      document(
        1,
        dialog(
          'a',
          'confirmed',
          '',
          '<remote><identity display="&lt;img src=x onerror=alert(1)&gt;">sip:a@pbx</identity><x:odd xmlns:x="urn:x">?</x:odd></remote>',
        ),
      ),
    );
    expect(info.dialogs[0]?.remoteDisplay).toBe('<img src=x onerror=alert(1)>');
  });

  it('reads the elements whatever prefix the namespace has, and text in CDATA', () => {
    const info = parseDialogInfo(
      `<d:dialog-info xmlns:d="urn:ietf:params:xml:ns:dialog-info" version="4" state="partial">` +
        `<d:dialog id="x" direction="initiator"><d:state><![CDATA[early]]></d:state>` +
        `<d:remote><d:identity display="Ann &amp; Bob">sip:ann@pbx</d:identity></d:remote></d:dialog></d:dialog-info>`,
    );
    expect(info).toMatchObject({ version: 4, isFull: false });
    expect(info.dialogs[0]).toMatchObject({
      id: 'x',
      state: 'early',
      direction: 'initiator',
      remoteIdentity: 'sip:ann@pbx',
      remoteDisplay: 'Ann & Bob',
    });
  });

  it.each([
    ['malformed XML', '<dialog-info version="1"><dialog>', /not well-formed/],
    ['another document', '<presence version="1"/>', /no <dialog-info>/],
    ['no version', '<dialog-info state="full"/>', /version/],
    ['a DTD (entity expansion)', '<!DOCTYPE d [<!ENTITY a "aaaa">]><dialog-info version="1">&a;</dialog-info>', /DTD/],
    ['a huge document', document(1, dialog('a', 'early').repeat(5000)), /too large/],
    ['an unclosed attribute', '<dialog-info version="1><dialog id="a"/></dialog-info>', /not well-formed/],
  ])('refuses %s with its reason', (_what, body, reason) => {
    expect(() => parseDialogInfo(body)).toThrow(DialogInfoError);
    expect(() => parseDialogInfo(body)).toThrow(reason);
  });

  it('reads each document alone, after one that was refused half-way or one that had more', () => {
    const two = document(4, dialog('a', 'confirmed') + dialog('b', 'early'));
    expect(parseDialogInfo(two).dialogs.map((each) => each.id)).toEqual(['a', 'b']);
    expect(parseDialogInfo(document(5, dialog('c', 'terminated')))).toMatchObject({
      version: 5,
      dialogs: [{ id: 'c', state: 'terminated' }],
    });
    for (const broken of ['<dialog-info version="6"><dialog id="x">', '<dialog-info version="6"><a></b>']) {
      expect(() => parseDialogInfo(broken)).toThrow(/not well-formed/);
      expect(parseDialogInfo(two)).toMatchObject({ version: 4, dialogs: [{ id: 'a' }, { id: 'b' }] });
    }
    expect(() => parseDialogInfo('<presence version="1"/>')).toThrow(/no <dialog-info>/);
    expect(parseDialogInfo(document(7, ''))).toEqual({ version: 7, isFull: true, dialogs: [] });
  });
});

const entry = (changes: Partial<DialogEntry>): DialogEntry => ({
  id: 'd1',
  state: 'confirmed',
  direction: 'recipient',
  callId: null,
  localTag: null,
  remoteTag: null,
  remoteIdentity: 'sip:0142685300@pbx',
  remoteDisplay: null,
  remoteTarget: null,
  durationSeconds: null,
  isLocalHeld: false,
  ...changes,
});

describe('a lamp from the dialogs of a line', () => {
  it('is idle with no dialog, talking with a confirmed one, held when the colleague holds', () => {
    expect(lampOf('201', [], null, 1000)).toMatchObject({ state: 'idle', peer: null, since: null });
    expect(lampOf('201', [entry({})], null, 1000)).toMatchObject({ state: 'talking', peer: '0142685300', since: 1000 });
    expect(lampOf('201', [entry({ isLocalHeld: true })], null, 1000).state).toBe('held');
  });

  it('rings for a call to the colleague and carries the pickup dialog; dials for a call they place', () => {
    const ringing = lampOf(
      '201',
      [entry({ state: 'early', callId: 'c', localTag: 'l', remoteTag: 'r', remoteTarget: 'sip:a@10.0.0.1' })],
      null,
      5,
    );
    expect(ringing).toMatchObject({
      state: 'ringing',
      pickup: {
        callId: 'c',
        localTag: 'l',
        remoteTag: 'r',
        callerTarget: 'sip:a@10.0.0.1',
        callerIdentity: 'sip:0142685300@pbx',
      },
    });
    // Without both tags there is nothing to replace: no pickup by Replaces (the feature code still works).
    expect(lampOf('201', [entry({ state: 'early', callId: 'c' })], null, 5).pickup).toBeNull();
    expect(lampOf('201', [entry({ state: 'early', direction: 'initiator' })], null, 5).state).toBe('dialing');
  });

  it('shows the ringing call first when a talking colleague gets a second one', () => {
    const lamp = lampOf(
      '201',
      [entry({}), entry({ id: 'd2', state: 'early', remoteDisplay: 'Hôtel Bellevue' })],
      null,
      0,
    );
    expect(lamp).toMatchObject({ state: 'ringing', peer: 'Hôtel Bellevue' });
  });

  it('keeps the time a call started while it goes on, or takes it from the duration the PBX gives', () => {
    const first = lampOf('201', [entry({})], null, 1000);
    expect(lampOf('201', [entry({})], first, 9000).since).toBe(1000);
    expect(lampOf('201', [entry({ durationSeconds: 30 })], null, 60_000).since).toBe(30_000);
  });

  it('applies partial documents to the dialogs named, and ignores a stale version', () => {
    const line = new LineDialogs();
    expect(line.apply(parseDialogInfo(document(1, dialog('a', 'confirmed') + dialog('b', 'early'))))).toBe(true);
    expect(line.apply(parseDialogInfo(document(2, dialog('b', 'terminated'), 'partial')))).toBe(true);
    expect(line.dialogs.map((each) => each.id)).toEqual(['a']);
    expect(line.apply(parseDialogInfo(document(2, dialog('c', 'early'), 'partial')))).toBe(false);
    expect(line.dialogs.map((each) => each.id)).toEqual(['a']);
    expect(line.apply(parseDialogInfo(document(3, '')))).toBe(true);
    expect(line.dialogs).toEqual([]);
  });
});

describe("a contact's lamp line", () => {
  it('is their extension, else their work number, never a fax', () => {
    expect(
      lampLineOf({
        phones: [
          { type: 'mobile', number: '+33612345678' },
          { type: 'extension', number: ' 201 ' },
        ],
      }),
    ).toBe('201');
    expect(lampLineOf({ phones: [{ type: 'fax', number: '0142' }] })).toBeNull();
  });
});

describe('park slots from the setting', () => {
  it('reads single slots and inclusive ranges, keeping their width, once each', () => {
    expect(parkSlotsOf('701-703, 710')).toEqual(['701', '702', '703', '710']);
    expect(parkSlotsOf('0701-0702,0701')).toEqual(['0701', '0702']);
    expect(parkSlotsOf('')).toEqual([]);
  });

  it('refuses what is not slots, and more than 50', () => {
    const valid = (text: string) => v.safeParse(ServicesSchema.entries.parkSlots, text).success;
    expect(valid('701-705')).toBe(true);
    expect(valid('701;702')).toBe(false);
    expect(valid('park')).toBe(false);
    expect(valid('1-100')).toBe(false);
  });
});
