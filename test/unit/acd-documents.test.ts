import { describe, expect, it } from 'vitest';
import { parseAcdQueue, parseChannelDocument } from '../../src/shared/xsi/acd-documents.ts';
import { XsiDocumentError } from '../../src/shared/xsi/xsi-documents.ts';
import { XsiEventStream, XsiStreamError } from '../../src/shared/xsi/xsi-event-stream.ts';

const ENVELOPE = (type: string, data: string) =>
  `<?xml version="1.0" encoding="UTF-8"?>
<xsi:Event xsi1:type="xsi:SubscriptionEvent" xmlns:xsi="http://schema.broadsoft.com/xsi" xmlns:xsi1="http://www.w3.org/2001/XMLSchema-instance">
<xsi:eventID>0a1b</xsi:eventID><xsi:sequenceNumber>3</xsi:sequenceNumber><xsi:userId>reception@pbx.example</xsi:userId>
<xsi:externalApplicationId>Switchboard</xsi:externalApplicationId><xsi:subscriptionId>s-1</xsi:subscriptionId>
<xsi:channelId>c-1</xsi:channelId><xsi:targetId>sales@pbx.example</xsi:targetId>
<xsi:eventData xsi1:type="xsi:${type}">${data}</xsi:eventData></xsi:Event>`;

const ENTRY = `<xsi:queueEntry><xsi:callId>callhalf-1:0</xsi:callId><xsi:extTrackingId>1:1</xsi:extTrackingId>
<xsi:remoteParty><xsi:name>Hôtel &lt;Bellevue&gt;</xsi:name><xsi:address>tel:+33145678901</xsi:address><xsi:callType>Network</xsi:callType></xsi:remoteParty>
<xsi:addTime>1795958402657</xsi:addTime><xsi:acdName>Sales promotion</xsi:acdName><xsi:acdNumber>8011</xsi:acdNumber>
<xsi:acdPriority>1-High</xsi:acdPriority><xsi:bounced/><xsi:futureElement>x</xsi:futureElement></xsi:queueEntry>`;

/** Event-channel documents shaped as XSIACDEvents.xsd and spec §4.7 show them, and hostile ones. */
describe('XSI call-center documents', () => {
  it('reads an ACD event: its type, the call with its flags, its position; unknown elements ignored', () => {
    expect(parseChannelDocument(ENVELOPE('ACDCallAddedEvent', `${ENTRY}<xsi:position>2</xsi:position>`))).toEqual({
      kind: 'event',
      eventId: '0a1b',
      subscriptionId: 's-1',
      targetId: 'sales@pbx.example',
      type: 'ACDCallAddedEvent',
      entries: [
        {
          id: 'callhalf-1:0',
          name: 'Hôtel <Bellevue>',
          number: '+33145678901',
          dnisName: 'Sales promotion',
          dnisNumber: '8011',
          priority: 1,
          addedAt: 1795958402657,
          isBounced: true,
          isReordered: false,
        },
      ],
      position: 2,
      configuration: {},
      service: null,
      calls: null,
    });
  });

  it("reads a monitored user's Do Not Disturb and Call Forwarding Always (a ServiceEvent's info)", () => {
    expect(
      parseChannelDocument(
        ENVELOPE(
          'DoNotDisturbEvent',
          '<xsi:info><xsi:active>true</xsi:active><xsi:ringSplash>false</xsi:ringSplash></xsi:info>',
        ),
      ),
    ).toMatchObject({ type: 'DoNotDisturbEvent', service: { isActive: true, forwardTo: '' } });
    expect(
      parseChannelDocument(
        ENVELOPE(
          'CallForwardingAlwaysEvent',
          '<xsi:info><xsi:active>true</xsi:active><xsi:forwardToPhoneNumber>+33 1 &lt;42&gt;</xsi:forwardToPhoneNumber></xsi:info>',
        ),
      ),
    ).toMatchObject({ service: { isActive: true, forwardTo: '+33 1 <42>' } });
  });

  it('reads the full queue, the configuration in both spellings of active, the channel and its end', () => {
    const full = parseChannelDocument(
      ENVELOPE(
        'ACDSubscriptionEvent',
        `<xsi:queueEntries>${ENTRY}${ENTRY.replace('callhalf-1:0', 'callhalf-2:0')}</xsi:queueEntries>`,
      ),
    );
    expect(full?.kind === 'event' && full.entries.map((entry) => entry.id)).toEqual(['callhalf-1:0', 'callhalf-2:0']);
    expect(parseChannelDocument(ENVELOPE('ACDSubscriptionEvent', ''))).toMatchObject({ entries: [] });
    expect(
      parseChannelDocument(
        ENVELOPE(
          'ACDConfigurationSubscriptionEvent',
          '<xsi:nightService><xsi:active>true</xsi:active></xsi:nightService><xsi:forceNightService/>',
        ),
      ),
    ).toMatchObject({
      configuration: { nightService: true, forceNightService: true, holidayService: false, forcedForwarding: false },
    });
    expect(parseChannelDocument(ENVELOPE('ACDForcedForwardingEvent', '<xsi:active/>'))).toMatchObject({
      configuration: { forcedForwarding: true },
    });
    expect(parseChannelDocument(ENVELOPE('ACDForcedForwardingEvent', '<xsi:active>false</xsi:active>'))).toMatchObject({
      configuration: { forcedForwarding: false },
    });
    expect(
      parseChannelDocument(
        '<?xml version="1.0"?><Channel xmlns="http://schema.broadsoft.com/xsi"><channelId>c-9</channelId><expires>3600</expires></Channel>',
      ),
    ).toEqual({ kind: 'channel', channelId: 'c-9', expiresSeconds: 3600 });
    expect(parseChannelDocument('<ChannelHeartBeat xmlns="http://schema.broadsoft.com/xsi"/>')).toEqual({
      kind: 'heartbeat',
    });
    expect(
      parseChannelDocument(
        '<xsi:Event xsi1:type="xsi:ChannelTerminatedEvent" xmlns:xsi="http://schema.broadsoft.com/xsi" xmlns:xsi1="http://www.w3.org/2001/XMLSchema-instance"><xsi:channelId>c-9</xsi:channelId></xsi:Event>',
      ),
    ).toEqual({ kind: 'terminated', channelId: 'c-9' });
    expect(parseChannelDocument('<SomethingNew/>')).toBeNull();
    expect(
      parseAcdQueue(
        `<ACDQueue xmlns="http://schema.broadsoft.com/xsi"><queueEntries>${ENTRY.replaceAll('xsi:', '')}</queueEntries></ACDQueue>`,
      ),
    ).toHaveLength(1);
  });

  it('refuses malformed, DTD-carrying, oversized or id-less documents with a reason', () => {
    expect(() => parseChannelDocument('<xsi:Event><unclosed>')).toThrow(XsiDocumentError);
    expect(() => parseChannelDocument('<!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>')).toThrow(/DTD/);
    expect(() => parseChannelDocument(`<x>${'a'.repeat(300_000)}</x>`)).toThrow(/too large/);
    expect(() =>
      parseChannelDocument(ENVELOPE('ACDCallAddedEvent', ENTRY).replace('<xsi:eventID>0a1b</xsi:eventID>', '')),
    ).toThrow(/eventID/);
    // A queue entry without its call id is left out, not invented.
    expect(
      parseChannelDocument(ENVELOPE('ACDCallAddedEvent', ENTRY.replace('<xsi:callId>callhalf-1:0</xsi:callId>', ''))),
    ).toMatchObject({ entries: [] });
  });

  it('splits a channel stream into documents however the chunks fall, without waiting for the next one', () => {
    const documents: string[] = [];
    const stream = new XsiEventStream((xml) => documents.push(xml));
    const text = `<?xml version="1.0"?><Channel><channelId>c</channelId></Channel><?xml version="1.0"?><ChannelHeartBeat/>${ENVELOPE('ACDCallAddedEvent', ENTRY)}`;
    for (let at = 0; at < text.length; at += 37) stream.push(text.slice(at, at + 37));
    expect(documents.map((xml) => parseChannelDocument(xml)?.kind)).toEqual(['channel', 'heartbeat', 'event']);
    expect(() => new XsiEventStream(() => undefined).push(`<?xml version="1.0"?><a>${'x'.repeat(1_100_000)}`)).toThrow(
      XsiStreamError,
    );
  });
});
