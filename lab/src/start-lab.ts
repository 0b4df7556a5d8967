import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { VOICEMAIL_USER } from './voicemail.ts';
import { FEATURES_USER } from './feature-codes.ts';
import { controlApi } from './control-api.ts';
import { DIRECTORY_PATH, serveCompanyDirectory } from './company-directory.ts';
import { LabServer } from './lab-server.ts';
import { XSI_ACTIONS_PATH, xsiActions, xsiPreflight } from './xsi-actions.ts';
import type { Logger } from './log.ts';
import type { CallCenter } from './call-centers/call-center.ts';
import { isCallCenterPath, xsiCallCenters } from './call-centers/xsi-call-centers.ts';
import { XsiEvents } from './xsi-events.ts';
import { isUserCallPath, xsiCallControl } from './xsi-call-control.ts';
import { XsiCallIds } from './xsi-user-calls.ts';
import { signalingOnlyHandlerFactory } from './parties/signaling-only-media.ts';
import { OfficeSimulation } from './office-simulation.ts';
import { loadOffice, passwordsOf, type Office } from './office.ts';

export const DEFAULT_OFFICE = fileURLToPath(new URL('../office.json', import.meta.url));

export interface RunningLab {
  readonly office: Office;
  readonly webSocketUrl: string;
  readonly controlUrl: string;
  /** The office's company directory (vCard), as a provisioned URL. */
  readonly directoryUrl: string;
  /** The root of the lab's Xtended Services Platform (XSI-Actions under `/com.broadsoft.xsi-actions/v2.0`). */
  readonly xsiUrl: string;
  readonly server: LabServer;
  stop(): Promise<void>;
}

/** Starts the lab PBX and its office on loopback. */
export async function startLab(options: {
  officePath?: string;
  port?: number;
  withCallers?: boolean;
  /** How long an XSI event channel lives without a heartbeat (the provider's `eventTimeout`). */
  xsiEventTimeoutSeconds?: number;
  /** The office's parties without audio (for a load benchmark: dozens of calls without dozens of media stacks). */
  isSignalingOnly?: boolean;
  log: Logger;
}): Promise<RunningLab> {
  const office = await loadOffice(options.officePath ?? DEFAULT_OFFICE);
  const passwords = passwordsOf(office);
  // The voicemail service is the lab's own party; it needs a password like any phone, known only here.
  const voicemailPassword = randomBytes(12).toString('hex');
  passwords.set(VOICEMAIL_USER, voicemailPassword);
  const featuresPassword = randomBytes(12).toString('hex');
  passwords.set(FEATURES_USER, featuresPassword);
  const parkPassword = randomBytes(12).toString('hex');
  // Park slots and call-center lines are the lab's own parties, with one password known only here.
  for (const slot of office.parkSlots) passwords.set(slot, parkPassword);
  for (const callCenter of office.callCenters) {
    for (const line of [callCenter.number, ...callCenter.dnis.map((dnis) => dnis.number)])
      passwords.set(line, parkPassword);
  }
  const nameOf = (user: string) =>
    user === office.reception.user
      ? office.reception.displayName
      : (office.colleagues.find((colleague) => colleague.user === user)?.name ?? null);
  let simulation: OfficeSimulation | null = null;
  let callCenters: ReturnType<typeof xsiCallCenters> | null = null;
  let events: XsiEvents | null = null;
  const server = new LabServer({
    domain: office.domain,
    passwordOf: (user) => passwords.get(user),
    nameOf,
    log: options.log,
    onHttp: (request, response) => {
      const path = new URL(request.url ?? '/', 'http://lab').pathname;
      const isXsi = path.startsWith(XSI_ACTIONS_PATH) || events?.isEventsPath(path) === true;
      if (isXsi && request.method === 'OPTIONS') xsiPreflight(response);
      else if (request.url === DIRECTORY_PATH) serveCompanyDirectory(office, request, response);
      else if (simulation === null || callCenters === null || events === null) response.writeHead(503).end();
      else if (isCallCenterPath(path)) void callCenters(request, response);
      else if (isUserCallPath(path)) void callControl(request, response);
      else if (path.startsWith(XSI_ACTIONS_PATH)) void xsi(request, response);
      else if (events.isEventsPath(path)) void events.handle(request, response);
      else controlApi(simulation, server.registrar, events, server.hostile)(request, response);
    },
  });
  // The XSI ids of the users' calls: the events name calls by them, the call-control actions find calls by them.
  const callIds = new XsiCallIds();
  const callControl = xsiCallControl(
    office.domain,
    (user) => passwords.get(user),
    callIds,
    async (user, sipCallId, action) => (await simulation?.actOnCall(user, sipCallId, action)) ?? false,
  );
  const xsi = xsiActions(
    office.domain,
    (user) => passwords.get(user),
    server.features,
    () => office.colleagues,
    server.callLogs,
  );
  const port = await server.listen(options.port ?? 0);
  simulation = new OfficeSimulation(
    office,
    server.webSocketUrl,
    { password: voicemailPassword, boxes: server.voicemail },
    { password: featuresPassword, codes: server.features },
    parkPassword,
    options.log,
    options.isSignalingOnly === true ? signalingOnlyHandlerFactory : undefined,
  );
  const supervisorsOf = (callCenter: CallCenter) => callCenter.config.supervisors ?? [office.reception.user];
  callCenters = xsiCallCenters({
    domain: office.domain,
    passwordOf: (user) => passwords.get(user),
    callCenters: simulation.callCenters,
    supervisorsOf,
  });
  events = new XsiEvents({
    domain: office.domain,
    passwordOf: (user) => passwords.get(user),
    callCenters: simulation.callCenters,
    supervisorsOf,
    services: server.features,
    calls: server.calls,
    callIds,
    nameOf,
    // The receptionist monitors everyone (BroadWorks: the Receptionist service's monitored users); others themselves.
    mayMonitor: (subscriber, user) => subscriber === user || subscriber === office.reception.user,
    eventTimeoutSeconds: options.xsiEventTimeoutSeconds ?? 30,
    streamHeartbeatSeconds: 15,
    log: options.log,
  });
  await simulation.start({ withCallers: options.withCallers ?? true });
  const running = simulation;
  return {
    office,
    webSocketUrl: server.webSocketUrl,
    controlUrl: `http://127.0.0.1:${port}/api`,
    directoryUrl: `http://127.0.0.1:${port}${DIRECTORY_PATH}`,
    xsiUrl: `http://127.0.0.1:${port}`,
    server,
    stop: async () => {
      await running.stop();
      await server.close();
    },
  };
}
