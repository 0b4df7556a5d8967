import { describe, expect, it } from 'vitest';
import {
  callForwardingAlwaysXml,
  doNotDisturbXml,
  parseCallForwardingAlways,
  parseDoNotDisturb,
  parseEnterpriseDirectory,
  parseErrorInfo,
  XsiDocumentError,
} from '../../src/shared/xsi/xsi-documents.ts';

/** Documents shaped as the XSI specification shows them (§3.5.3.15, §3.5.3.39, §3.3), and hostile ones. */
describe('XSI documents', () => {
  it('reads Do Not Disturb and Call Forwarding Always, with the xsi: prefix or the default namespace', () => {
    expect(
      parseDoNotDisturb(
        '<?xml version="1.0" encoding="UTF-8"?><xsi:DoNotDisturb xmlns:xsi="http://schema.broadsoft.com/xsi"><xsi:active>true</xsi:active><xsi:ringSplash>false</xsi:ringSplash></xsi:DoNotDisturb>',
      ),
    ).toEqual({ isActive: true, hasRingSplash: false });
    expect(
      parseCallForwardingAlways(
        '<CallForwardingAlways xmlns="http://schema.broadsoft.com/xsi"><active>false</active><forwardToPhoneNumber>+33142685300</forwardToPhoneNumber><ringSplash>true</ringSplash><unknownFutureElement>x</unknownFutureElement></CallForwardingAlways>',
      ),
    ).toEqual({ isActive: false, forwardTo: '+33142685300', hasRingSplash: true });
  });

  it('writes what it reads back, escaping what it carries', () => {
    const settings = { isActive: true, forwardTo: '+33 1 <42> & 68', hasRingSplash: false };
    const xml = callForwardingAlwaysXml(settings);
    expect(xml).toContain('xmlns="http://schema.broadsoft.com/xsi"');
    expect(xml).not.toContain('<42>');
    expect(parseCallForwardingAlways(xml)).toEqual(settings);
    expect(parseDoNotDisturb(doNotDisturbXml({ isActive: false, hasRingSplash: true }))).toEqual({
      isActive: false,
      hasRingSplash: true,
    });
    // No number: the element is left out (XSI refuses an empty one).
    expect(callForwardingAlwaysXml({ isActive: false, forwardTo: '', hasRingSplash: false })).not.toContain(
      'forwardToPhoneNumber',
    );
  });

  it("reads the server's reason from an ErrorInfo, and nothing from anything else", () => {
    expect(
      parseErrorInfo(
        '<ErrorInfo xmlns="http://schema.broadsoft.com/xsi"><summary>[Error 4008] User not found</summary><summaryEnglish>[Error 4008] User not found</summaryEnglish><errorCode>4008</errorCode></ErrorInfo>',
      ),
    ).toEqual({ summary: '[Error 4008] User not found', errorCode: '4008' });
    expect(parseErrorInfo('<html>Proxy error</html>')).toBeNull();
    expect(parseErrorInfo('not xml at all')).toBeNull();
  });

  it('reads an Enterprise directory page with its total, one person or many, and their details', () => {
    const page = parseEnterpriseDirectory(
      `<Enterprise xmlns="http://schema.broadsoft.com/xsi"><startIndex>1</startIndex><numberOfRecords>1</numberOfRecords><totalAvailableRecords>1201</totalAvailableRecords><enterpriseDirectory><directoryDetails><userId>alice@acme.example</userId><firstName>Alice</firstName><lastName>Martin</lastName><groupId>Sales</groupId><number>+33142685301</number><extension>201</extension><additionalDetails><mobile>+33612345678</mobile><emailAddress>alice@acme.example</emailAddress><department>Sales</department><title>Account manager</title></additionalDetails></directoryDetails></enterpriseDirectory></Enterprise>`,
    );
    expect(page.total).toBe(1201);
    expect(page.entries).toEqual([
      {
        userId: 'alice@acme.example',
        name: 'Alice Martin',
        number: '+33142685301',
        extension: '201',
        mobile: '+33612345678',
        email: 'alice@acme.example',
        department: 'Sales',
        title: 'Account manager',
        location: '',
      },
    ]);
    expect(
      parseEnterpriseDirectory('<Enterprise><totalAvailableRecords>0</totalAvailableRecords></Enterprise>'),
    ).toEqual({ total: 0, entries: [] });
  });

  it.each([
    ['malformed XML', '<DoNotDisturb><active>true</DoNotDisturb>', /not well-formed/],
    [
      'another document',
      '<CallForwardingAlways><active>true</active></CallForwardingAlways>',
      /expected <DoNotDisturb>/,
    ],
    [
      'a DTD (entity expansion)',
      '<!DOCTYPE d [<!ENTITY a "x">]><DoNotDisturb><active>&a;</active></DoNotDisturb>',
      /DTD/,
    ],
    ['a huge document', `<DoNotDisturb>${'<x/>'.repeat(70_000)}</DoNotDisturb>`, /too large/],
  ])('refuses %s with its reason', (_what, xml, reason) => {
    expect(() => parseDoNotDisturb(xml)).toThrow(XsiDocumentError);
    expect(() => parseDoNotDisturb(xml)).toThrow(reason);
  });
});
