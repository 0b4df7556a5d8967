import { readFile } from 'node:fs/promises';
import * as v from 'valibot';
import { ACD_PRIORITIES } from './call-centers/acd-queue.ts';

/** The simulated office, from one JSON file (`lab/office.json`): who works there, who calls, how they behave. */
const PasswordSchema = v.pipe(v.string(), v.minLength(4));

export const OfficeSchema = v.object({
  domain: v.pipe(v.string(), v.regex(/^[a-z0-9.-]+$/i)),
  reception: v.object({ user: v.string(), displayName: v.string(), password: PasswordSchema }),
  colleagues: v.array(
    v.object({
      user: v.pipe(v.string(), v.regex(/^[a-z0-9._-]+$/i)),
      name: v.string(),
      department: v.string(),
      password: PasswordSchema,
      /** Rings (of 3 s) before the colleague picks up; -1: never by themselves (a test answers through the API). */
      answersAfterRings: v.pipe(v.number(), v.integer(), v.minValue(-1)),
      /** One call in N finds the colleague busy (486). */
      busyOneIn: v.pipe(v.number(), v.integer(), v.minValue(1)),
    }),
  ),
  /** Colleagues call each other (or the reception) now and then, sometimes putting the call on hold a moment. */
  internalCalls: v.optional(
    v.object({
      everySeconds: v.pipe(v.number(), v.minValue(0)),
      holdOneIn: v.pipe(v.number(), v.integer(), v.minValue(1)),
    }),
    { everySeconds: 0, holdOneIn: 3 },
  ),
  callers: v.object({
    user: v.string(),
    password: PasswordSchema,
    /** A new outside call rings the reception this often (0: never by itself). */
    everySeconds: v.pipe(v.number(), v.minValue(0)),
    /** One caller in N gives up while waiting. */
    hangUpWhileWaitingOneIn: v.pipe(v.number(), v.integer(), v.minValue(1)),
    talkSeconds: v.tuple([v.number(), v.number()]),
    people: v.array(v.object({ name: v.string(), number: v.string() })),
  }),
  /** Park slots, each its own line: a call sent there waits (parked); a call to an occupied slot retrieves it. */
  parkSlots: v.optional(v.array(v.pipe(v.string(), v.regex(/^[0-9]{2,6}$/))), ['701', '702', '703', '704', '705']),
  /**
   * Call centers with real queues (served over XSI): each number (and DNIS) is a line answered by the queue; outside
   * callers ring each one at its own rate. The reception supervises every call center unless `supervisors` says who.
   */
  callCenters: v.optional(
    v.array(
      v.object({
        id: v.pipe(v.string(), v.regex(/^[a-z0-9._-]+$/i)),
        name: v.pipe(v.string(), v.nonEmpty()),
        number: v.pipe(v.string(), v.regex(/^[0-9]{2,8}$/)),
        type: v.picklist(['Basic', 'Standard', 'Premium']),
        dnis: v.optional(
          v.array(
            v.object({
              name: v.pipe(v.string(), v.nonEmpty()),
              number: v.pipe(v.string(), v.regex(/^[0-9]{2,8}$/)),
              priority: v.picklist(ACD_PRIORITIES),
            }),
          ),
          [],
        ),
        supervisors: v.optional(v.array(v.string())),
        callersEverySeconds: v.optional(v.pipe(v.number(), v.minValue(0)), 0),
      }),
    ),
    [],
  ),
  seed: v.number(),
});
export type Office = v.InferOutput<typeof OfficeSchema>;

export async function loadOffice(path: string): Promise<Office> {
  const parsed = v.safeParse(OfficeSchema, JSON.parse(await readFile(path, 'utf8')));
  if (!parsed.success) {
    throw new Error(
      `${path}: ${parsed.issues.map((issue) => `${v.getDotPath(issue) ?? '(root)'}: ${issue.message}`).join('; ')}`,
    );
  }
  return parsed.output;
}

/** Every password of the office by user, for the registrar. */
export function passwordsOf(office: Office): Map<string, string> {
  return new Map([
    [office.reception.user, office.reception.password],
    [office.callers.user, office.callers.password],
    ...office.colleagues.map((colleague) => [colleague.user, colleague.password] as [string, string]),
  ]);
}

/** A small seeded random generator (mulberry32), so a scenario plays the same way for the same seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
