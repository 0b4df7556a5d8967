/** Binary searches over strings sorted in IndexedDB's order (UTF-16 code units, as `<` compares them). */

/** The first index whose entry is not below `value` (entries sorted). */
export function lowerBound(entries: readonly string[], value: string): number {
  let low = 0;
  let high = entries.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((entries[middle] ?? '') < value) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** The last index whose entry is at or below `value` (-1: none). */
export function lastAtOrBelow(entries: readonly string[], value: string): number {
  let low = 0;
  let high = entries.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((entries[middle] ?? '') <= value) low = middle + 1;
    else high = middle;
  }
  return low - 1;
}
