import { describe, expect, it } from 'vitest';
import { isSameNumber, planPbxMerge, PBX_ROW_PREFIX, PbxCallLogs } from '../../src/background/pbx/pbx-call-logs.ts';
import type { PbxCallLog, PbxServices } from '../../src/background/pbx/pbx-services.ts';
import type { CallId } from '../../src/shared/model/call.ts';
import type { CallRecord } from '../../src/shared/model/call-record.ts';
import { createLogger } from '../../src/shared/log.ts';
import { parseCallLogs } from '../../src/shared/xsi/call-log-documents.ts';
import { XsiDocumentError } from '../../src/shared/xsi/xsi-documents.ts';

/** Written from the XSI schema's `CallLogs` (placed, received, missed lists of `callLogsEntry`). */
const CALL_LOGS = `<?xml version="1.0" encoding="UTF-8"?>
<CallLogs xmlns="http://schema.broadsoft.com/xsi">
  <placed>
    <callLogsEntry><countryCode>33</countryCode><phoneNumber>202</phoneNumber><name>Bruno Lefèvre</name>
      <time>2026-11-29T09:00:05.120+01:00</time><callLogId>6200900088403052023</callLogId></callLogsEntry>
  </placed>
  <received/>
  <missed>
    <callLogsEntry><countryCode>33</countryCode><phoneNumber>0478123456</phoneNumber><name>Cabinet Roux</name>
      <time>2026-11-29T08:10:00.000+01:00</time><callLogId>6200900088403052020</callLogId><unknownElement/></callLogsEntry>
    <callLogsEntry><countryCode>33</countryCode><phoneNumber>+33145678901</phoneNumber><name>&lt;img src=x&gt;</name>
      <time>not a time</time><callLogId>6200900088403052021</callLogId></callLogsEntry>
  </missed>
</CallLogs>`;

const at = (iso: string) => Date.parse(iso);

function consoleRow(patch: Partial<CallRecord>): CallRecord {
  return {
    id: 'console-1' as CallId,
    direction: 'outgoing',
    outcome: 'answered',
    remoteName: '',
    remoteNumber: '202',
    startedAt: at('2026-11-29T09:00:04.000+01:00'),
    answeredAt: at('2026-11-29T09:00:07.000+01:00'),
    endedAt: at('2026-11-29T09:02:00.000+01:00'),
    endReason: null,
    signaling: null,
    ...patch,
  };
}

describe("the PBX's call logs", () => {
  it('reads placed, received and missed entries, leaving out what cannot be read', () => {
    const { logs, unreadable } = parseCallLogs(CALL_LOGS);
    expect(unreadable).toBe(1);
    expect(logs).toEqual([
      {
        id: '6200900088403052023',
        kind: 'placed',
        number: '202',
        name: 'Bruno Lefèvre',
        startedAt: at('2026-11-29T08:00:05.120Z'),
      },
      {
        id: '6200900088403052020',
        kind: 'missed',
        number: '0478123456',
        name: 'Cabinet Roux',
        startedAt: at('2026-11-29T07:10:00.000Z'),
      },
    ]);
  });

  it('refuses a document that is not a call log, or carries a DTD', () => {
    expect(() => parseCallLogs('<Other/>')).toThrow(XsiDocumentError);
    expect(() => parseCallLogs('<!DOCTYPE x [<!ENTITY a "b">]><CallLogs/>')).toThrow(XsiDocumentError);
    expect(() => parseCallLogs('<CallLogs><missed>')).toThrow(XsiDocumentError);
  });

  it('adds the calls this console did not see, once, and leaves out those it has its own row for', () => {
    const { logs } = parseCallLogs(CALL_LOGS);
    const first = planPbxMerge(logs, [consoleRow({})], 'FR');
    expect(first.removedIds).toEqual([]);
    expect(first.added).toEqual([
      expect.objectContaining({
        id: `${PBX_ROW_PREFIX}6200900088403052020`,
        direction: 'incoming',
        outcome: 'missed',
        remoteName: 'Cabinet Roux',
        remoteNumber: '0478123456',
      }),
    ]);
    // Read again: nothing new.
    expect(planPbxMerge(logs, [consoleRow({}), ...first.added], 'FR')).toEqual({ added: [], removedIds: [] });
  });

  it("takes a row read from the PBX out again once the console's own row for the call is there", () => {
    const { logs } = parseCallLogs(CALL_LOGS);
    const early = planPbxMerge(logs, [], 'FR').added;
    expect(early.map((row) => row.id)).toContain(`${PBX_ROW_PREFIX}6200900088403052023`);
    expect(early.find((row) => row.direction === 'outgoing')?.outcome).toBe('elsewhere');
    const plan = planPbxMerge(logs, [...early, consoleRow({})], 'FR');
    expect(plan).toEqual({ added: [], removedIds: [`${PBX_ROW_PREFIX}6200900088403052023`] });
  });

  it('matches one number however it is written, and nothing else', () => {
    expect(isSameNumber('+33478123456', '0478123456', 'FR')).toBe(true);
    expect(isSameNumber('sip:+33478123456@pbx.example', '0478123456', 'FR')).toBe(true);
    expect(isSameNumber('sip:202@lab.switchboard', '202', 'FR')).toBe(true);
    expect(isSameNumber('202', '2202', 'FR')).toBe(false);
    expect(isSameNumber('+33478123456', '+33478123457', 'FR')).toBe(false);
    expect(isSameNumber('sip:alice@example.com', 'sip:Alice@example.com', 'FR')).toBe(true);
  });

  it('reads them once at a time, and not again within the given age', async () => {
    let reads = 0;
    const services = {
      readCallLogs: () => {
        reads++;
        return Promise.resolve([] as PbxCallLog[]);
      },
    } as unknown as PbxServices;
    let now = 1_000_000;
    const callLogs = new PbxCallLogs(
      () => services,
      { mergePbxCallLogs: () => Promise.resolve(0) },
      createLogger('test'),
      () => now,
    );
    await Promise.all([callLogs.read(), callLogs.read()]);
    expect(reads).toBe(1);
    await callLogs.readIfOlderThan(15_000);
    expect(reads).toBe(1);
    now += 16_000;
    await callLogs.readIfOlderThan(15_000);
    expect(reads).toBe(2);
  });
});
