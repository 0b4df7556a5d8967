import { defineConfig } from 'vitest/config';

export default defineConfig({
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  test: {
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['test/unit/**/*.test.ts', 'lab/**/*.test.ts'], environment: 'node' },
      },
      {
        extends: true,
        // The phone engine in Node against a real Kamailio: one server per file, files one after another.
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          fileParallelism: false,
          testTimeout: 30_000,
        },
      },
      {
        extends: true,
        test: { name: 'dom', include: ['test/dom/**/*.test.{ts,tsx}'], environment: 'happy-dom' },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          // One browser at a time: the machines have two cores, and each file starts its own Chromium.
          fileParallelism: false,
          // One more try for every test, for now (issue #16): without it, full runs found tests that read the page a
          // moment too early (three directory lists, fixed; the popup's second Do Not Disturb click, not yet). The
          // tests that stop the service worker say so themselves (`WORKER_STOP_RETRY`, a Chromium quirk) and will
          // keep theirs when this goes.
          retry: 1,
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        // Faults injected on purpose, with figures (issue #16): `npm run test:reliability` alone, or in `npm test`.
        test: {
          name: 'reliability',
          include: ['test/reliability/**/*.test.ts'],
          environment: 'node',
          fileParallelism: false,
          testTimeout: 300_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
