import type { IncomingMessage, ServerResponse } from 'node:http';
import { authenticatedUser, errorInfo, flagOr, readBody, readRoot, reply, textOr, xml } from './xsi-http.ts';
import type { CallLogBook, CallLogEntry } from './call-log-book.ts';
import type { FeatureCodes } from './feature-codes.ts';

/** Where XSI-Actions live on an Xtended Services Platform (BroadWorks XSI specification §3.5.1). */
export const XSI_ACTIONS_PATH = '/com.broadsoft.xsi-actions/v2.0';
const SERVICE = new RegExp(`^${XSI_ACTIONS_PATH}/user/([^/]+)/services/(DoNotDisturb|CallForwardingAlways)$`);
const ENTERPRISE = new RegExp(`^${XSI_ACTIONS_PATH}/user/([^/]+)/directories/Enterprise$`);
const CALL_LOGS = new RegExp(`^${XSI_ACTIONS_PATH}/user/([^/]+)/directories/CallLogs$`);
/** The user's country code, as BroadWorks gives it beside each call log entry (the lab's office is in France). */
const COUNTRY_CODE = '33';

/** One person of the lab's Enterprise directory. */
export interface XsiPerson {
  readonly user: string;
  readonly name: string;
  readonly department: string;
}

/**
 * The lab's XSI-Actions, the subset the console uses, with the specification's paths and XML: a user's Do Not
 * Disturb and Call Forwarding Always (`GET`/`PUT …/user/<userId>/services/DoNotDisturb|CallForwardingAlways`,
 * §3.5.3.15, §3.5.3.39), acting on the same services the feature codes switch — so a call to that user is refused or
 * forwarded at once. HTTP Basic authentication with the user's id (`user@domain`) and SIP password (§3.2.2); a user
 * may only reach their own services. And the Enterprise directory (`GET …/user/<userId>/directories/Enterprise`,
 * §3.5.7.7) with the specification's paging (`start`, `results` ≤ 1000, `totalAvailableRecords`), and the user's
 * basic call logs (`GET …/user/<userId>/directories/CallLogs`: placed, received and missed `callLogsEntry`s, §3.5.7.2;
 * `DELETE` empties them).
 * Errors come back as `<ErrorInfo>` with the status the specification gives.
 */
export function xsiActions(
  domain: string,
  passwordOf: (user: string) => string | undefined,
  services: FeatureCodes,
  people: () => readonly XsiPerson[],
  callLogs: CallLogBook,
) {
  return async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const url = new URL(request.url ?? '/', 'http://lab');
    const directory = ENTERPRISE.exec(url.pathname);
    const logs = CALL_LOGS.exec(url.pathname);
    const match = SERVICE.exec(url.pathname) ?? directory ?? logs;
    const userId = match === null ? '' : decodeURIComponent(match[1] as string);
    const user = userId.endsWith(`@${domain}`) ? userId.slice(0, -domain.length - 1) : userId;
    const caller = authenticatedUser(request, response, passwordOf);
    if (caller === null) return;
    if (match === null) {
      reply(response, 404, errorInfo('Not found', '4008'));
      return;
    }
    if (caller !== user || passwordOf(user) === undefined) {
      reply(response, 403, errorInfo('Not authorized for this user', '4410'));
      return;
    }
    if (directory !== null) {
      reply(response, 200, enterpriseXml(people(), domain, url.searchParams));
      return;
    }
    if (logs !== null) {
      if (request.method === 'DELETE') {
        callLogs.deleteAllOf(user);
        reply(response, 200, '');
        return;
      }
      reply(response, 200, callLogsXml(callLogs.of(user)));
      return;
    }
    const service = match[2] as 'DoNotDisturb' | 'CallForwardingAlways';
    if (request.method === 'GET') {
      reply(
        response,
        200,
        service === 'DoNotDisturb'
          ? xml('DoNotDisturb', dndContent(services.doNotDisturbOf(user)))
          : xml('CallForwardingAlways', cfaContent(services.forwardingOf(user))),
      );
      return;
    }
    if (request.method !== 'PUT') {
      reply(response, 405, errorInfo('Method not allowed', '4001'));
      return;
    }
    const body = await readBody(request);
    const root = readRoot(body, service);
    if (root === null) {
      reply(response, 400, errorInfo(`Malformed ${service} document`, '4003'));
      return;
    }
    const flag = (name: string, current: boolean) => flagOr(root, name, current);
    if (service === 'DoNotDisturb') {
      const current = services.doNotDisturbOf(user);
      services.setDoNotDisturb(user, {
        isActive: flag('active', current.isActive),
        hasRingSplash: flag('ringSplash', current.hasRingSplash),
      });
    } else {
      const current = services.forwardingOf(user);
      const forwardTo = textOr(root, 'forwardToPhoneNumber', current.forwardTo);
      const isActive = flag('active', current.isActive);
      if (isActive && forwardTo === '') {
        reply(response, 400, errorInfo('A forward-to number is required', '4003'));
        return;
      }
      services.setForwarding(user, { isActive, forwardTo, hasRingSplash: flag('ringSplash', current.hasRingSplash) });
    }
    reply(response, 200, '');
  };
}

const dndContent = (settings: { isActive: boolean; hasRingSplash: boolean }) => ({
  active: settings.isActive,
  ringSplash: settings.hasRingSplash,
});

const cfaContent = (settings: { isActive: boolean; forwardTo: string; hasRingSplash: boolean }) => ({
  active: settings.isActive,
  ...(settings.forwardTo === '' ? {} : { forwardToPhoneNumber: settings.forwardTo }),
  ringSplash: settings.hasRingSplash,
});

/** A page of the Enterprise directory: `start` is 1-based, `results` at most 1000 (spec §3.5.18). */
function enterpriseXml(people: readonly XsiPerson[], domain: string, query: URLSearchParams): string {
  const start = Math.max(1, Number(query.get('start') ?? '1') || 1);
  const results = Math.min(1000, Math.max(1, Number(query.get('results') ?? '1000') || 1000));
  const page = people.slice(start - 1, start - 1 + results);
  return xml('Enterprise', {
    startIndex: start,
    numberOfRecords: page.length,
    totalAvailableRecords: people.length,
    enterpriseDirectory: {
      directoryDetails: page.map((person) => {
        const [firstName, ...rest] = person.name.split(' ');
        return {
          userId: `${person.user}@${domain}`,
          firstName: firstName ?? '',
          lastName: rest.join(' '),
          groupId: 'Lab',
          extension: person.user,
          additionalDetails: { emailAddress: `${person.user}@${domain}`, department: person.department },
        };
      }),
    },
  });
}

/** `<CallLogs>`: the user's calls of each kind, newest first. */
function callLogsXml(entries: readonly CallLogEntry[]): string {
  const ofKind = (kind: CallLogEntry['kind']) => ({
    callLogsEntry: entries
      .filter((entry) => entry.kind === kind)
      .map((entry) => ({
        countryCode: COUNTRY_CODE,
        phoneNumber: entry.number,
        name: entry.name,
        time: new Date(entry.time).toISOString(),
        callLogId: entry.callLogId,
      })),
  });
  return xml('CallLogs', { placed: ofKind('placed'), received: ofKind('received'), missed: ofKind('missed') });
}

/** A CORS preflight for the XSI paths (an extension page on another origin asks first). */
export function xsiPreflight(response: ServerResponse): void {
  reply(response, 204, '');
}
