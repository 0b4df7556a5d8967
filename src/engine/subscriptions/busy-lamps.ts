import type { URI, UserAgent } from 'sip.js';
import { BACKOFF } from '../../shared/backoff.ts';
import type { Logger } from '../../shared/log.ts';
import type { Lamp } from '../../shared/model/lamp.ts';
import { lampOf, LineDialogs, unknownLamp } from './busy-lamp.ts';
import { parseDialogInfo, type DialogInfo } from './dialog-info.ts';
import { SubscriptionKeeper, type SubscriptionSpec } from './subscription-keeper.ts';

/** A `dialog` event subscription (RFC 4235): a colleague's calls, for their lamp. */
const DIALOG_EVENT: SubscriptionSpec<DialogInfo> = {
  event: 'dialog',
  accept: 'application/dialog-info+xml',
  expiresSeconds: 600,
  parse: parseDialogInfo,
};

export interface BusyLampsDelegate {
  /** The address a watched line is subscribed at; null when it is none (the lamp says so). */
  uriFor(line: string): URI | null;
  changed(): void;
}

interface WatchedLine {
  readonly keeper: SubscriptionKeeper<DialogInfo>;
  readonly dialogs: LineDialogs;
  lamp: Lamp;
}

/**
 * The busy lamp field (issue #14): one `dialog` subscription per watched line, each kept by its own
 * `SubscriptionKeeper` (refreshed before expiry, asked again with jittered backoff when the PBX ends or refuses it),
 * and one lamp per line built from its dialogs. Each lamp object is replaced when it changes, so the engine's delta
 * carries only the lamps that changed.
 */
export class BusyLamps {
  readonly #lines = new Map<string, WatchedLine>();
  /** What the PBX says of each line's services (XSI monitored users), laid over its lamp. */
  readonly #services = new Map<string, Lamp['service']>();
  #userAgent: UserAgent | null = null;
  #models: Lamp[] = [];
  #isModelsStale = false;

  constructor(
    private readonly delegate: BusyLampsDelegate,
    private readonly log: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  get models(): Lamp[] {
    if (this.#isModelsStale) {
      this.#models = [...this.#lines.values()].map((line) => line.lamp);
      this.#isModelsStale = false;
    }
    return this.#models;
  }

  /** The lines to watch, in order: new ones are subscribed (when registered), the others unsubscribed. */
  watch(lines: readonly string[]): void {
    const wanted = new Set(lines);
    let isChanged = false;
    for (const [line, watched] of this.#lines) {
      if (wanted.has(line)) continue;
      this.#lines.delete(line);
      watched.keeper.stop();
      isChanged = true;
    }
    for (const line of wanted) {
      if (this.#lines.has(line)) continue;
      const watched = this.#newLine(line);
      this.#lines.set(line, watched);
      if (this.#userAgent !== null) this.#start(line, watched, this.#userAgent);
      isChanged = true;
    }
    if (isChanged) this.#changed();
  }

  /** Registered on this user agent: every lamp is subscribed (those already are stay as they are). */
  start(userAgent: UserAgent): void {
    this.#userAgent = userAgent;
    for (const [line, watched] of this.#lines) this.#start(line, watched, userAgent);
  }

  /** The line is down or going: every subscription ends and every lamp goes dark (unknown). */
  stop(): void {
    this.#userAgent = null;
    for (const watched of this.#lines.values()) watched.keeper.stop();
  }

  #start(line: string, watched: WatchedLine, userAgent: UserAgent): void {
    const uri = this.delegate.uriFor(line);
    if (uri === null) {
      this.#setLamp(line, watched, unknownLamp(line, 'not an address'));
      return;
    }
    watched.keeper.start(userAgent, uri);
  }

  #newLine(line: string): WatchedLine {
    const dialogs = new LineDialogs();
    const watched: WatchedLine = {
      dialogs,
      lamp: unknownLamp(line),
      keeper: new SubscriptionKeeper(
        DIALOG_EVENT,
        {
          onNotify: (info) => {
            if (!dialogs.apply(info)) return;
            this.#setLamp(line, watched, lampOf(line, dialogs.dialogs, watched.lamp, this.now()));
          },
          onUnknown: (problem) => {
            dialogs.reset();
            this.#setLamp(line, watched, unknownLamp(line, problem));
          },
        },
        this.log,
        BACKOFF.lampResubscribe,
      ),
    };
    return watched;
  }

  /** A line's services as the PBX says them (null: not told); the lamp shows them with its state. */
  setService(line: string, service: Lamp['service']): void {
    if (JSON.stringify(this.#services.get(line) ?? null) === JSON.stringify(service)) return;
    if (service === null) this.#services.delete(line);
    else this.#services.set(line, service);
    const watched = this.#lines.get(line);
    if (watched !== undefined) this.#setLamp(line, watched, watched.lamp);
  }

  #setLamp(line: string, watched: WatchedLine, built: Lamp): void {
    const before = watched.lamp;
    const lamp: Lamp = { ...built, service: this.#services.get(line) ?? null };
    if (
      before.service === lamp.service &&
      before.state === lamp.state &&
      before.peer === lamp.peer &&
      before.since === lamp.since &&
      before.problem === lamp.problem &&
      JSON.stringify(before.pickup) === JSON.stringify(lamp.pickup)
    )
      return;
    watched.lamp = lamp;
    if (this.#lines.get(line) === watched) this.#changed();
  }

  #changed(): void {
    this.#isModelsStale = true;
    this.delegate.changed();
  }
}
