/**
 * The project's own lab PBX as a test SIP server, beside Kamailio: the same flows run against both.
 */
import type { HostilePeer } from '../../lab/src/hostile-peer.ts';
import { LabServer } from '../../lab/src/lab-server.ts';
import { createLabLogger } from '../../lab/src/log.ts';
import { KAMAILIO_DOMAIN, KAMAILIO_PASSWORD } from './kamailio.ts';

export class LabSipServer {
  #server: LabServer;
  #port = 0;

  private constructor() {
    this.#server = LabSipServer.#create();
  }

  static async start(): Promise<LabSipServer> {
    const lab = new LabSipServer();
    lab.#port = await lab.#server.listen(0);
    return lab;
  }

  static #create(): LabServer {
    return new LabServer({ domain: KAMAILIO_DOMAIN, passwordOf: () => KAMAILIO_PASSWORD, log: createLabLogger(true) });
  }

  get webSocketUrl(): string {
    return this.#server.webSocketUrl;
  }

  requestCount(method: string): number {
    return this.#server.requestCount(method);
  }

  /** The lab as a hostile server or peer towards a registered user (fault injection). */
  get hostile(): HostilePeer {
    return this.#server.hostile;
  }

  /** Stops at once, closing every WebSocket, as a crash would. */
  async kill(): Promise<void> {
    await this.#server.close();
  }

  /** Starts again on the same port, with no registrations (as a restarted PBX). */
  async restart(): Promise<void> {
    this.#server = LabSipServer.#create();
    await this.#server.listen(this.#port);
  }

  async stop(): Promise<void> {
    await this.#server.close();
  }
}
