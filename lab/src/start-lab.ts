import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { VOICEMAIL_USER } from './voicemail.ts';
import { FEATURES_USER } from './feature-codes.ts';
import { controlApi } from './control-api.ts';
import { DIRECTORY_PATH, serveCompanyDirectory } from './company-directory.ts';
import { LabServer } from './lab-server.ts';
import { XSI_ACTIONS_PATH, xsiActions, xsiPreflight } from './xsi-actions.ts';
import type { Logger } from './log.ts';
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
  for (const slot of office.parkSlots) passwords.set(slot, parkPassword);
  let simulation: OfficeSimulation | null = null;
  const server = new LabServer({
    domain: office.domain,
    passwordOf: (user) => passwords.get(user),
    log: options.log,
    onHttp: (request, response) => {
      if (request.url?.startsWith(XSI_ACTIONS_PATH) === true) {
        if (request.method === 'OPTIONS') xsiPreflight(response);
        else void xsi(request, response);
      } else if (request.url === DIRECTORY_PATH) serveCompanyDirectory(office, request, response);
      else if (simulation === null) response.writeHead(503).end();
      else controlApi(simulation, server.registrar)(request, response);
    },
  });
  const xsi = xsiActions(
    office.domain,
    (user) => passwords.get(user),
    server.features,
    () => office.colleagues,
  );
  const port = await server.listen(options.port ?? 0);
  simulation = new OfficeSimulation(
    office,
    server.webSocketUrl,
    { password: voicemailPassword, boxes: server.voicemail },
    { password: featuresPassword, codes: server.features },
    parkPassword,
    options.log,
  );
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
