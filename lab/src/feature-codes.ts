/**
 * The lab PBX's own services, switched by feature access codes as on most PBXs: `*78` Do Not Disturb on, `*79` off,
 * `*72<number>` Call Forwarding Always to the number, `*73` off. While one is on, the proxy refuses (486) or
 * forwards calls to that user.
 */
export type ServiceRoute = { kind: 'busy' } | { kind: 'forward'; to: string } | null;

export const FEATURES_USER = 'features';

export class FeatureCodes {
  readonly #doNotDisturb = new Set<string>();
  readonly #forwardTo = new Map<string, string>();
  /** The last forward-to number of each user, kept while forwarding is off (XSI keeps it). */
  readonly #lastForwardTo = new Map<string, string>();
  /** Users whose turned-away or forwarded calls still ring once (XSI's `ringSplash`). */
  readonly #ringSplash = { dnd: new Set<string>(), cfa: new Set<string>() };

  readonly #listeners = new Set<(user: string) => void>();

  constructor(onChange?: (user: string) => void) {
    if (onChange !== undefined) this.#listeners.add(onChange);
  }

  /** Tells `listener` of every change of a user's services (the XSI event channel reports them). */
  onChanged(listener: (user: string) => void): void {
    this.#listeners.add(listener);
  }

  /** Applies a dialled code for `user`; false when it is no code of ours. */
  apply(user: string, dialled: string): boolean {
    const forward = /^\*72(\+?[0-9a-z._-]+)$/i.exec(dialled);
    if (dialled === '*78') this.#doNotDisturb.add(user);
    else if (dialled === '*79') this.#doNotDisturb.delete(user);
    else if (forward) this.#forwardTo.set(user, forward[1] as string);
    else if (dialled === '*73') this.#forwardTo.delete(user);
    else return false;
    this.#changed(user);
    return true;
  }

  /** A user's Do Not Disturb, as XSI reads and sets it. */
  doNotDisturbOf(user: string): { isActive: boolean; hasRingSplash: boolean } {
    return { isActive: this.#doNotDisturb.has(user), hasRingSplash: this.#ringSplash.dnd.has(user) };
  }

  setDoNotDisturb(user: string, settings: { isActive: boolean; hasRingSplash: boolean }): void {
    if (settings.isActive) this.#doNotDisturb.add(user);
    else this.#doNotDisturb.delete(user);
    if (settings.hasRingSplash) this.#ringSplash.dnd.add(user);
    else this.#ringSplash.dnd.delete(user);
    this.#changed(user);
  }

  /** A user's Call Forwarding Always, as XSI reads and sets it (the number is kept while it is off). */
  forwardingOf(user: string): { isActive: boolean; forwardTo: string; hasRingSplash: boolean } {
    const forwardTo = this.#forwardTo.get(user);
    return {
      isActive: forwardTo !== undefined,
      forwardTo: forwardTo ?? this.#lastForwardTo.get(user) ?? '',
      hasRingSplash: this.#ringSplash.cfa.has(user),
    };
  }

  setForwarding(user: string, settings: { isActive: boolean; forwardTo: string; hasRingSplash: boolean }): void {
    if (settings.forwardTo !== '') this.#lastForwardTo.set(user, settings.forwardTo);
    const target = settings.forwardTo || this.#lastForwardTo.get(user);
    if (settings.isActive && target !== undefined) this.#forwardTo.set(user, target);
    else this.#forwardTo.delete(user);
    if (settings.hasRingSplash) this.#ringSplash.cfa.add(user);
    else this.#ringSplash.cfa.delete(user);
    this.#changed(user);
  }

  /** What the PBX does with a call to `user`: refuse it, forward it, or ring the user (null). */
  routeFor(user: string): ServiceRoute {
    if (this.#doNotDisturb.has(user)) return { kind: 'busy' };
    const to = this.#forwardTo.get(user);
    return to === undefined ? null : { kind: 'forward', to };
  }

  #changed(user: string): void {
    for (const listener of this.#listeners) listener(user);
  }

  /** Whether a dialled user part is a feature code (all of them are answered by the features service). */
  static isCode(user: string): boolean {
    return user.startsWith('*');
  }
}
