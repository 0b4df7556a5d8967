// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { dialogInfoXml, messageSummary } from './presence-bodies.ts';

/**
 * The constraints of RFC 4235 §4.1's schema (urn:ietf:params:xml:ns:dialog-info) and of RFC 3842 §5.2's grammar,
 * checked on what the lab sends.
 */
const DIALOG_STATES = new Set(['trying', 'proceeding', 'early', 'confirmed', 'terminated']);

describe('presence bodies', () => {
  it('dialog-info: namespace, required attributes, and only schema-valid states and directions', () => {
    const side = (user: string, tag: string | null, contact: string | null, isHolding = false) => ({
      user,
      displayName: user === 'reception' ? 'Front <desk> & co' : null,
      tag,
      contact,
      isHolding,
    });
    const ringing = {
      callId: 'a<b>&c',
      caller: side('reception', 'from-1', 'sip:rcp@x.invalid;transport=ws'),
      callee: side('201', 'to-1', 'sip:a201@y.invalid'),
      state: 'early' as const,
      startedAt: 0,
      wasAnswered: false,
      answeredAt: null,
    };
    const talking = {
      callId: 'x',
      caller: side('201', 'from-2', 'sip:a201@y.invalid', true),
      callee: side('202', null, null),
      state: 'confirmed' as const,
      startedAt: 0,
      wasAnswered: true,
      answeredAt: 1,
    };
    const xml = dialogInfoXml(
      'sip:201@lab.switchboard',
      3,
      [
        { dialog: ringing, direction: 'recipient', local: ringing.callee, remote: ringing.caller },
        { dialog: talking, direction: 'initiator', local: talking.caller, remote: talking.callee },
      ],
      'lab.switchboard',
    );
    const document = new DOMParser().parseFromString(xml, 'application/xml');
    const root = document.documentElement;
    expect(root.localName).toBe('dialog-info');
    expect(root.namespaceURI).toBe('urn:ietf:params:xml:ns:dialog-info');
    expect(root.getAttribute('version')).toMatch(/^\d+$/);
    expect(['full', 'partial']).toContain(root.getAttribute('state'));
    expect(root.getAttribute('entity')).toBe('sip:201@lab.switchboard');
    const dialogs = [...root.getElementsByTagName('dialog')];
    expect(dialogs).toHaveLength(2);
    for (const dialog of dialogs) {
      expect(dialog.getAttribute('id')).not.toBe('');
      expect(['initiator', 'recipient']).toContain(dialog.getAttribute('direction'));
      const states = dialog.getElementsByTagName('state');
      expect(states).toHaveLength(1);
      expect(DIALOG_STATES.has(states[0]?.textContent ?? '')).toBe(true);
      expect(dialog.getElementsByTagName('identity')[0]?.textContent).toMatch(/^sip:/);
    }
    const [first, second] = dialogs;
    expect(first?.getAttribute('call-id')).toBe('a<b>&c');
    // What a pickup needs: the user's own tag as local-tag, the caller's as remote-tag, the caller's Contact.
    expect(first?.getAttribute('local-tag')).toBe('to-1');
    expect(first?.getAttribute('remote-tag')).toBe('from-1');
    const remote = first?.getElementsByTagName('remote')[0];
    expect(remote?.getElementsByTagName('identity')[0]?.getAttribute('display')).toBe('Front <desk> & co');
    expect(remote?.getElementsByTagName('target')[0]?.getAttribute('uri')).toBe('sip:rcp@x.invalid;transport=ws');
    // The schema's order inside <dialog>: state, then local, then remote.
    expect([...(first?.children ?? [])].map((child) => child.localName)).toEqual(['state', 'local', 'remote']);
    // Holding: +sip.rendering=no on the user's own target; a tag not yet known is left out.
    const param = second?.getElementsByTagName('local')[0]?.getElementsByTagName('param')[0];
    expect([param?.getAttribute('pname'), param?.getAttribute('pvalue')]).toEqual(['+sip.rendering', 'no']);
    expect(second?.hasAttribute('remote-tag')).toBe(false);
  });

  it('an empty dialog-info is still a valid document', () => {
    const document = new DOMParser().parseFromString(
      dialogInfoXml('sip:202@lab.switchboard', 0, [], 'lab.switchboard'),
      'application/xml',
    );
    expect(document.documentElement.getElementsByTagName('dialog')).toHaveLength(0);
  });

  it('message-summary follows the RFC 3842 grammar', () => {
    const body = messageSummary('sip:reception@lab.switchboard', 2, 5);
    expect(body).toMatch(/^Messages-Waiting: (yes|no)\r\n/);
    expect(body).toContain('Message-Account: sip:reception@lab.switchboard\r\n');
    expect(body).toMatch(/\r\nVoice-Message: 2\/5 \(0\/0\)\r\n$/);
    expect(messageSummary('sip:a@b', 0, 1)).toMatch(/^Messages-Waiting: no/);
  });
});
