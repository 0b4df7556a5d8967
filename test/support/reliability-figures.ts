import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ARTIFACTS } from './extension-browser.ts';

/** One measured figure of the reliability suite, with its target when the issue sets one. */
export interface Figure {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  /** The figure passes when it is at most this (targets are ceilings: delays, losses, overlaps). */
  readonly target?: number;
}

export const RELIABILITY_FIGURES = join(ARTIFACTS, 'reliability');

/** Writes a suite's figures where the closing summary (`scripts/test-summary.ts`) gathers them into one table. */
export async function reportFigures(suite: string, figures: readonly Figure[]): Promise<void> {
  await mkdir(RELIABILITY_FIGURES, { recursive: true });
  await writeFile(join(RELIABILITY_FIGURES, `${suite}.json`), JSON.stringify({ suite, figures }, null, 2));
}

/** The p-th percentile (0–100) of `values`, nearest rank. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] as number;
}
