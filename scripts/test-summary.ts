// Prints vitest's JSON report as the one closing line CI reads: "Tests: N passed, N failed, N skipped"; before it,
// the reliability suite's figures (test/artifacts/reliability/*.json) in one table, each against its target.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

interface VitestJsonReport {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
}

interface FigureFile {
  suite: string;
  figures: { name: string; value: number; unit: string; target?: number }[];
}

const path = process.argv[2] ?? 'test/artifacts/vitest.json';
const figuresDir = join(path, '..', 'reliability');
if (existsSync(figuresDir)) {
  const rows = readdirSync(figuresDir)
    .filter((name) => name.endsWith('.json'))
    .flatMap((name) => {
      const file = JSON.parse(readFileSync(join(figuresDir, name), 'utf8')) as FigureFile;
      return file.figures.map((figure) => {
        const verdict = figure.target === undefined ? '' : figure.value <= figure.target ? 'ok' : 'OVER TARGET';
        const target = figure.target === undefined ? '' : `≤ ${figure.target} ${figure.unit}`.trim();
        return [file.suite, figure.name, `${figure.value} ${figure.unit}`.trim(), target, verdict];
      });
    });
  if (rows.length > 0) {
    const header = ['suite', 'figure', 'value', 'target', ''];
    const widths = header.map((title, column) =>
      Math.max(title.length, ...rows.map((row) => row[column]?.length ?? 0)),
    );
    const line = (cells: string[]) => cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ');
    console.log('\nReliability figures');
    console.log(line(header));
    for (const row of rows) console.log(line(row));
    console.log('');
  }
}
const report = JSON.parse(readFileSync(path, 'utf8')) as VitestJsonReport;
const skipped = report.numPendingTests + report.numTodoTests;
console.log(`Tests: ${report.numPassedTests} passed, ${report.numFailedTests} failed, ${skipped} skipped`);
