import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HostilePeer } from './hostile-peer.ts';
import type { OfficeSimulation } from './office-simulation.ts';
import type { Registrar } from './registrar.ts';
import type { XsiEvents } from './xsi-events.ts';

/**
 * A small HTTP API on loopback to script the office from a test or by hand:
 * - `GET /api/state`: who is registered, each party's calls;
 * - `POST /api/parties/<user>/call` `{ "to": "reception", "as": { "name": …, "number": … } }`;
 * - `POST /api/parties/<user>/calls/<id>/<answer|hang-up|hold|resume|transfer>` (`{ "to": … }` for transfer);
 * - `POST /api/users/<user>/password` `{ "password": … }`: the administrator changes a user's SIP password;
 * - `POST /api/call-centers/<id>/holiday` `{ "active": true|false }`: holiday service, which XSI cannot switch;
 * - `POST /api/xsi/drop-channels`: every XSI event channel drops, as when the network does;
 * - `POST /api/faults/send` `{ "user": …, "text": … }`: the lab sends any text to the user's phone (a hostile peer;
 *   placeholders in `hostile-peer.ts`), answering `{ "callId": …, "text": … }`; `GET /api/faults/answers/<callId>`
 *   gives the status codes the phone answered it with and its To tag (`{ "statuses": […], "toTag": … }`);
 * - `POST /api/faults/notify` `{ "subscriber": …, "event": "dialog"|"message-summary", "resource": …, "body": …,
 *   "contentType": … }`: a NOTIFY with that body inside the subscriber's live subscription.
 */
export function controlApi(
  simulation: OfficeSimulation,
  registrar: Registrar,
  events: XsiEvents,
  hostile: HostilePeer,
) {
  return (request: IncomingMessage, response: ServerResponse): void => {
    void handle(request, simulation, registrar, events, hostile)
      .then(({ status, body }) => {
        response.writeHead(status, { 'content-type': 'application/json' });
        response.end(JSON.stringify(body));
      })
      .catch((error: unknown) => {
        response.writeHead(500, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ error: String(error) }));
      });
  };
}

async function handle(
  request: IncomingMessage,
  simulation: OfficeSimulation,
  registrar: Registrar,
  events: XsiEvents,
  hostile: HostilePeer,
): Promise<{ status: number; body: unknown }> {
  const url = new URL(request.url ?? '/', 'http://lab');
  if (url.pathname.startsWith('/api/faults/')) return handleFault(request, url, hostile);
  if (request.method === 'GET' && url.pathname === '/api/state') {
    return {
      status: 200,
      body: {
        registered: registrar.registeredUsers(),
        parties: [...simulation.parties.values()].map((party) => ({ user: party.user, calls: party.calls() })),
        callCenters: simulation.callCenters.map((callCenter) => ({
          id: callCenter.config.id,
          calls: callCenter.queue.entries,
        })),
        xsiEvents: { openChannels: events.openChannels, unacknowledged: events.unacknowledged },
      },
    };
  }
  if (request.method === 'POST' && url.pathname === '/api/xsi/drop-channels') {
    events.dropChannels();
    return { status: 200, body: { ok: true } };
  }
  const holiday = /^\/api\/call-centers\/([^/]+)\/holiday$/.exec(url.pathname);
  if (request.method === 'POST' && holiday !== null) {
    const callCenter = simulation.callCenters.find((center) => center.config.id === holiday[1]);
    const { active } = (await readJson(request)) as { active?: unknown };
    if (callCenter === undefined) return { status: 404, body: { error: 'no such call center' } };
    callCenter.setHolidayService(active === true);
    return { status: 200, body: { ok: true } };
  }
  const passwordChange = /^\/api\/users\/([^/]+)\/password$/.exec(url.pathname);
  if (request.method === 'POST' && passwordChange !== null) {
    const { password } = (await readJson(request)) as { password?: unknown };
    if (typeof password !== 'string' || password === '')
      return { status: 400, body: { error: '"password" is required' } };
    const isKnown = registrar.changePassword(decodeURIComponent(passwordChange[1] as string), password);
    return isKnown ? { status: 200, body: { ok: true } } : { status: 404, body: { error: 'no such user' } };
  }
  const match = /^\/api\/parties\/([^/]+)\/(call|calls\/([^/]+)\/(answer|hang-up|hold|resume|transfer))$/.exec(
    url.pathname,
  );
  const party = match === null ? undefined : simulation.parties.get(decodeURIComponent(match[1] as string));
  if (request.method !== 'POST' || match === null || party === undefined)
    return { status: 404, body: { error: 'not found' } };
  const body = (await readJson(request)) as { to?: string; as?: { name: string; number: string } };
  if (match[2] === 'call') {
    if (typeof body.to !== 'string') return { status: 400, body: { error: '"to" is required' } };
    return { status: 200, body: { id: party.call(body.to, body.as) } };
  }
  const id = decodeURIComponent(match[3] as string);
  switch (match[4]) {
    case 'answer':
      await party.answer(id);
      break;
    case 'hang-up':
      await party.hangUp(id);
      break;
    case 'hold':
    case 'resume':
      await party.hold(id, match[4] === 'hold');
      break;
    case 'transfer':
      if (typeof body.to !== 'string') return { status: 400, body: { error: '"to" is required' } };
      await party.transfer(id, body.to);
      break;
  }
  return { status: 200, body: { ok: true } };
}

async function handleFault(
  request: IncomingMessage,
  url: URL,
  hostile: HostilePeer,
): Promise<{ status: number; body: unknown }> {
  const answers = /^\/api\/faults\/answers\/([^/]+)$/.exec(url.pathname);
  if (request.method === 'GET' && answers !== null) {
    return { status: 200, body: hostile.answersTo(decodeURIComponent(answers[1] as string)) };
  }
  if (request.method !== 'POST') return { status: 404, body: { error: 'not found' } };
  const body = (await readJson(request)) as Record<string, unknown>;
  const strings = (...keys: string[]) => keys.every((key) => typeof body[key] === 'string');
  if (url.pathname === '/api/faults/send') {
    if (!strings('user', 'text')) return { status: 400, body: { error: '"user" and "text" are required' } };
    const sent = hostile.send(body['user'] as string, body['text'] as string);
    return sent === null ? { status: 404, body: { error: 'not registered' } } : { status: 200, body: sent };
  }
  if (url.pathname === '/api/faults/notify') {
    const event = body['event'];
    if (
      !strings('subscriber', 'resource', 'body', 'contentType') ||
      (event !== 'dialog' && event !== 'message-summary')
    )
      return { status: 400, body: { error: 'subscriber, event, resource, body and contentType are required' } };
    const content = { body: body['body'] as string, contentType: body['contentType'] as string };
    const sent = hostile.notify(body['subscriber'] as string, event, body['resource'] as string, content);
    return sent ? { status: 200, body: { ok: true } } : { status: 404, body: { error: 'no such subscription' } };
  }
  return { status: 404, body: { error: 'not found' } };
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  let text = '';
  for await (const chunk of request) text += String(chunk);
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text);
  } catch {
    return {};
  }
}
