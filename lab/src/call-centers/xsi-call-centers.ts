import type { IncomingMessage, ServerResponse } from 'node:http';
import { XSI_ACTIONS_PATH } from '../xsi-actions.ts';
import { authenticatedUser, errorInfo, flagOr, readBody, readRoot, reply, textOr, xml } from '../xsi-http.ts';
import { ACD_PRIORITIES, AcdRefusal, type AcdPriority, type AcdQueueEntry } from './acd-queue.ts';
import type { CallCenter } from './call-center.ts';

const CALL_CENTER = new RegExp(`^${XSI_ACTIONS_PATH}/callcenter/([^/]+)/(.+)$`);
const DIRECTORY = new RegExp(`^${XSI_ACTIONS_PATH}/user/([^/]+)/directories/CallCenters$`);

export interface XsiCallCentersOptions {
  readonly domain: string;
  readonly passwordOf: (user: string) => string | undefined;
  readonly callCenters: readonly CallCenter[];
  /** Who may act on a call center's queue (its supervisors). */
  readonly supervisorsOf: (callCenter: CallCenter) => readonly string[];
}

/** Whether a path is one `xsiCallCenters` serves. */
export function isCallCenterPath(path: string): boolean {
  return CALL_CENTER.test(path) || DIRECTORY.test(path);
}

/**
 * The call-center commands of XSI-Actions (spec §3.5.9–3.5.10, §3.5.7.3) over the lab's real queues: the call centers
 * a user supervises (`user/<id>/directories/CallCenters`), a queue's calls (`callcenter/<id>/calls`), release
 * (`DELETE …/calls/<callId>`), `BlindTransfer?phoneno=`, `Promote` (`<ACDPromote><priority>`), `Reorder?index=`, the
 * profile and its DNIS list, and the Night Service and Forced Forwarding policies (any supervisor reads and switches
 * them). A user who does not supervise the call center is refused 403, as a real server refuses a non-agent.
 */
export function xsiCallCenters(options: XsiCallCentersOptions) {
  const byId = (id: string) =>
    options.callCenters.find((callCenter) => `${callCenter.config.id}@${options.domain}` === id);
  return async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const user = authenticatedUser(request, response, options.passwordOf);
    if (user === null) return;
    const url = new URL(request.url ?? '/', 'http://lab');
    const directory = DIRECTORY.exec(url.pathname);
    if (directory !== null) {
      const supervised = options.callCenters.filter((callCenter) => options.supervisorsOf(callCenter).includes(user));
      reply(
        response,
        200,
        xml('CallCenters', { callCenter: supervised.map((center) => directoryRow(center, options.domain)) }),
      );
      return;
    }
    const match = CALL_CENTER.exec(url.pathname);
    const callCenter = match === null ? undefined : byId(decodeURIComponent(match[1] as string));
    if (match === null || callCenter === undefined) {
      reply(response, 404, errorInfo('No such call center', '4008'));
      return;
    }
    if (!options.supervisorsOf(callCenter).includes(user)) {
      reply(response, 403, errorInfo('Only agents and supervisors of this call center may do this', '4410'));
      return;
    }
    try {
      await serve(callCenter, match[2] as string, request, response, url.searchParams);
    } catch (error) {
      if (!(error instanceof AcdRefusal)) throw error;
      reply(response, error.status, errorInfo(error.message, error.status === 404 ? '4008' : '4003'));
    }
  };
}

async function serve(
  callCenter: CallCenter,
  rest: string,
  request: IncomingMessage,
  response: ServerResponse,
  query: URLSearchParams,
): Promise<void> {
  const method = request.method ?? 'GET';
  const call = /^calls\/([^/]+)(?:\/(BlindTransfer|Promote|Reorder))?$/.exec(rest);
  if (rest === 'calls' && method === 'GET') {
    const entries = callCenter.queue.entries;
    reply(response, 200, xml('ACDQueue', { queueEntries: { queueEntry: entries.map(queueEntryContent) } }));
  } else if (call !== null) {
    const callId = decodeURIComponent(call[1] as string);
    const command = call[2];
    if (command === undefined && method === 'DELETE') {
      await callCenter.release(callId);
      reply(response, 200, '');
    } else if (command === 'BlindTransfer' && method === 'PUT') {
      const phoneNumber = query.get('phoneno') ?? '';
      if (phoneNumber === '') throw new AcdRefusal(400, 'The phoneno parameter is required');
      await callCenter.transfer(callId, phoneNumber);
      reply(response, 200, '');
    } else if (command === 'Promote' && method === 'PUT') {
      const priority = readRoot(await readBody(request), 'ACDPromote')?.['priority'];
      if (typeof priority !== 'string' || !(ACD_PRIORITIES as readonly string[]).includes(priority))
        throw new AcdRefusal(400, 'Malformed ACDPromote document');
      const position = callCenter.promote(callId, priority as AcdPriority);
      reply(response, 200, xml('QueueCallOrder', { position }));
    } else if (command === 'Reorder' && method === 'PUT') {
      const index = Number(query.get('index') ?? '0');
      if (!Number.isInteger(index) || index < 0) throw new AcdRefusal(400, 'The index parameter must be 0 or more');
      reply(response, 200, xml('QueueCallOrder', { position: callCenter.reorder(callId, index) }));
    } else reply(response, 405, errorInfo('Method not allowed', '4001'));
  } else if (rest === 'profile' && method === 'GET') {
    const { config } = callCenter;
    reply(
      response,
      200,
      xml('ACDProfile', {
        serviceInstanceProfile: { name: config.name, extension: config.number },
        type: config.type,
      }),
    );
  } else if (rest === 'profile/Dnis' && method === 'GET') {
    reply(
      response,
      200,
      xml('ACDDNIS', {
        dnisInfoList: {
          dnisInfo: callCenter.config.dnis.map((dnis) => ({
            name: dnis.name,
            extension: dnis.number,
            priority: dnis.priority,
          })),
        },
      }),
    );
  } else if (rest === 'profile/policies/NightService') {
    await nightService(callCenter, method, request, response);
  } else if (rest === 'profile/policies/ForcedForwarding') {
    await forcedForwarding(callCenter, method, request, response);
  } else reply(response, 404, errorInfo('Not found', '4008'));
}

/**
 * A call-center policy (spec §3.5.9.4–5): GET gives it as `root`; PUT changes what the document names (the rest
 * stays), `update` checking it and applying it to the call center.
 */
async function servePolicy(
  method: string,
  request: IncomingMessage,
  response: ServerResponse,
  root: string,
  content: () => Record<string, unknown>,
  update: (document: Record<string, unknown>) => void,
): Promise<void> {
  if (method === 'GET') {
    reply(response, 200, xml(root, content()));
    return;
  }
  const document = method === 'PUT' ? readRoot(await readBody(request), root) : null;
  if (document === null) throw new AcdRefusal(400, `Malformed ${root} document`);
  update(document);
  reply(response, 200, '');
}

const nightService = (callCenter: CallCenter, method: string, request: IncomingMessage, response: ServerResponse) =>
  servePolicy(
    method,
    request,
    response,
    'ACDNightService',
    () => {
      const { action, isForced, transferPhoneNumber } = callCenter.nightService;
      return {
        action,
        forceNightService: isForced,
        ...(transferPhoneNumber === '' ? {} : { transferPhoneNumber }),
      };
    },
    (document) => {
      const current = callCenter.nightService;
      const action = textOr(document, 'action', current.action);
      if (action !== 'None' && action !== 'Busy' && action !== 'Transfer')
        throw new AcdRefusal(400, `Unknown action ${action}`);
      const transferPhoneNumber = textOr(document, 'transferPhoneNumber', current.transferPhoneNumber);
      if (action === 'Transfer' && transferPhoneNumber === '')
        throw new AcdRefusal(400, 'A transfer phone number is required');
      const isForced = flagOr(document, 'forceNightService', current.isForced);
      callCenter.setNightService({ action, isForced, transferPhoneNumber });
    },
  );

const forcedForwarding = (callCenter: CallCenter, method: string, request: IncomingMessage, response: ServerResponse) =>
  servePolicy(
    method,
    request,
    response,
    'ACDForcedForwarding',
    () => {
      const { isActive, forwardToPhoneNumber } = callCenter.forcedForwarding;
      return { active: isActive, ...(forwardToPhoneNumber === '' ? {} : { forwardToPhoneNumber }) };
    },
    (document) => {
      const current = callCenter.forcedForwarding;
      const isActive = flagOr(document, 'active', current.isActive);
      const forwardToPhoneNumber = textOr(document, 'forwardToPhoneNumber', current.forwardToPhoneNumber);
      if (isActive && forwardToPhoneNumber === '') throw new AcdRefusal(400, 'A forward-to number is required');
      callCenter.setForcedForwarding({ isActive, forwardToPhoneNumber });
    },
  );

function directoryRow(callCenter: CallCenter, domain: string): Record<string, unknown> {
  return {
    serviceUserID: `${callCenter.config.id}@${domain}`,
    name: callCenter.config.name,
    extension: callCenter.config.number,
    numberCallsInQueue: callCenter.queue.entries.length,
  };
}

/** An `ACDQueueEntry` (XSIACD.xsd): flags are present only when true. */
export function queueEntryContent(entry: AcdQueueEntry): Record<string, unknown> {
  return {
    callId: entry.callId,
    extTrackingId: entry.extTrackingId,
    remoteParty: {
      ...(entry.remoteName === '' ? {} : { name: entry.remoteName }),
      address: entry.remoteAddress,
      callType: 'Network',
    },
    addTime: entry.addTime,
    acdName: entry.acdName,
    acdNumber: entry.acdNumber,
    acdPriority: entry.priority,
    addTimeInPriorityBucket: entry.addTimeInPriorityBucket,
    ...(entry.isBounced ? { bounced: '' } : {}),
    ...(entry.isReordered ? { reordered: '' } : {}),
  };
}
