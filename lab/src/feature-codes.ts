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

  constructor(private readonly onChange: (user: string) => void = () => undefined) {}

  /** Applies a dialled code for `user`; false when it is no code of ours. */
  apply(user: string, dialled: string): boolean {
    const forward = /^\*72(\+?[0-9a-z._-]+)$/i.exec(dialled);
    if (dialled === '*78') this.#doNotDisturb.add(user);
    else if (dialled === '*79') this.#doNotDisturb.delete(user);
    else if (forward) this.#forwardTo.set(user, forward[1] as string);
    else if (dialled === '*73') this.#forwardTo.delete(user);
    else return false;
    this.onChange(user);
    return true;
  }

  /** What the PBX does with a call to `user`: refuse it, forward it, or ring the user (null). */
  routeFor(user: string): ServiceRoute {
    if (this.#doNotDisturb.has(user)) return { kind: 'busy' };
    const to = this.#forwardTo.get(user);
    return to === undefined ? null : { kind: 'forward', to };
  }

  /** Whether a dialled user part is a feature code (all of them are answered by the features service). */
  static isCode(user: string): boolean {
    return user.startsWith('*');
  }
}
