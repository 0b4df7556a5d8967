import { useCallback, useState } from 'preact/hooks';

/**
 * Which contact of a list shows its details (one at a time), and a toggle that stays the same function across
 * renders — so the rows, memoised, re-render only when their own contact or lamp changes, not at every lamp of the
 * list (200 lamps, each changing).
 */
export function useExpandedRow(): [string | null, (id: string) => void] {
  const [expanded, setExpanded] = useState<string | null>(null);
  const toggle = useCallback((id: string) => setExpanded((current) => (current === id ? null : id)), []);
  return [expanded, toggle];
}
