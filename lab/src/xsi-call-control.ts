import type { IncomingMessage, ServerResponse } from 'node:http';
import { XSI_ACTIONS_PATH } from './xsi-actions.ts';
import { authenticatedUser, errorInfo, reply } from './xsi-http.ts';
import type { XsiCallIds } from './xsi-user-calls.ts';

const USER_CALL = new RegExp(`^${XSI_ACTIONS_PATH}/user/([^/]+)/calls/([^/]+)(?:/(Hold|Talk))?$`);

/** What a call-control action asks of the device a call is on. */
export type DeviceCallAction = 'release' | 'hold' | 'talk';

/**
 * The lab's phones: acts on `user`'s side of the call with this SIP Call-ID (the other party's phone has the same
 * Call-ID) where a lab phone of theirs holds it; false when none does.
 */
export type DeviceCalls = (user: string, sipCallId: string, action: DeviceCallAction) => Promise<boolean>;

export function isUserCallPath(path: string): boolean {
  return USER_CALL.test(path);
}

/**
 * The lab's XSI call control of a user's calls (spec §3.5.4): `DELETE …/user/<userId>/calls/<callId>` releases the
 * call, `PUT …/calls/<callId>/Hold` holds it, `PUT …/calls/<callId>/Talk` answers or retrieves it — carried out by
 * the lab's phone the call is on (a browser's call the lab cannot act on: 400, said in an `<ErrorInfo>`). A user may
 * act on their own calls only.
 */
export function xsiCallControl(
  domain: string,
  passwordOf: (user: string) => string | undefined,
  callIds: XsiCallIds,
  deviceCalls: DeviceCalls,
) {
  return async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const caller = authenticatedUser(request, response, passwordOf);
    if (caller === null) return;
    const match = USER_CALL.exec(new URL(request.url ?? '/', 'http://lab').pathname);
    const userId = decodeURIComponent(match?.[1] ?? '');
    const user = userId.endsWith(`@${domain}`) ? userId.slice(0, -domain.length - 1) : userId;
    if (caller !== user) return reply(response, 403, errorInfo('Not authorized for this user', '4410'));
    const call = callIds.callOf(decodeURIComponent(match?.[2] ?? ''));
    if (call === undefined || call.user !== user) return reply(response, 404, errorInfo('No such call', '4008'));
    const verb = match?.[3];
    const action: DeviceCallAction | null =
      request.method === 'DELETE' && verb === undefined
        ? 'release'
        : request.method === 'PUT' && verb === 'Hold'
          ? 'hold'
          : request.method === 'PUT' && verb === 'Talk'
            ? 'talk'
            : null;
    if (action === null) return reply(response, 405, errorInfo('Method not allowed', '4001'));
    if (!(await deviceCalls(user, call.sipCallId, action)))
      return reply(response, 400, errorInfo('The device this call is on cannot be controlled', '4003'));
    reply(response, 200, '');
  };
}
