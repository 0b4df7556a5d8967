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
    const xml = dialogInfoXml(
      'sip:201@lab.switchboard',
      3,
      [
        {
          dialog: { callId: 'a<b>&c', caller: 'reception', callee: '201', state: 'early' },
          direction: 'recipient',
          remote: 'reception',
        },
        {
          dialog: { callId: 'x', caller: '201', callee: '202', state: 'confirmed' },
          direction: 'initiator',
          remote: '202',
        },
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
    expect(dialogs[0]?.getAttribute('call-id')).toBe('a<b>&c');
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
