// Prints vitest's JSON report as the one closing line CI reads: "Tests: N passed, N failed, N skipped".
import { readFileSync } from 'node:fs';

interface VitestJsonReport {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
}

const path = process.argv[2] ?? 'test/artifacts/vitest.json';
const report = JSON.parse(readFileSync(path, 'utf8')) as VitestJsonReport;
const skipped = report.numPendingTests + report.numTodoTests;
console.log(`Tests: ${report.numPassedTests} passed, ${report.numFailedTests} failed, ${skipped} skipped`);
