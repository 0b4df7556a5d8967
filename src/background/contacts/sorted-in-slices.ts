import type { WorkSlices } from '../../shared/work-slices.ts';

/** Strings in IndexedDB's order (UTF-16 code units), as `<` compares them; not the locale's. */
export function compareCodeUnits(left: string, right: string): number {
  return left < right ? -1 : left > right ? 1 : 0;
}

/** At most this many strings are sorted in one go (a few milliseconds). */
const SORTED_AT_ONCE = 4096;
/** Past this prefix length, strings still alike are sorted in one go whatever their number. */
const LONGEST_PREFIX = 96;

/**
 * Hands `strings` to `emit` sorted, in order, a piece at a time, without one long task: they are split by their
 * first `prefixLength` characters (then longer prefixes) until each piece is small enough to sort at once.
 */
export async function eachSortedPiece(
  strings: string[],
  slices: WorkSlices,
  emit: (sorted: readonly string[]) => Promise<void> | void,
  prefixLength = 2,
): Promise<void> {
  if (strings.length <= SORTED_AT_ONCE || prefixLength > LONGEST_PREFIX) {
    await emit(strings.sort(compareCodeUnits));
    await slices.pause();
    return;
  }
  const pieces = new Map<string, string[]>();
  for (const string of strings) gatherByPrefix(pieces, string, prefixLength);
  await slices.pause();
  // A string shorter than the prefix is its own piece's name, and sorts before every longer string starting so.
  for (const name of [...pieces.keys()].sort(compareCodeUnits)) {
    await eachSortedPiece(pieces.get(name) ?? [], slices, emit, prefixLength + 2);
  }
}

/** Adds `string` to the piece of the strings that start with the same `prefixLength` characters. */
export function gatherByPrefix(pieces: Map<string, string[]>, string: string, prefixLength: number): void {
  const name = string.slice(0, prefixLength);
  const piece = pieces.get(name);
  if (piece === undefined) pieces.set(name, [string]);
  else piece.push(string);
}
