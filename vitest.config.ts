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
          // One more try for a test that failed: stopping the service worker through the DevTools protocol (the way
          // Chrome's docs test it) now and then leaves the restarted worker paused for the attached debugger, on a
          // loaded machine (puppeteer#9995, crbug.com/1371432). A test failing twice fails. Issue #16 is to make the
          // worker-stop tests independent of it and remove this.
          retry: 1,
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
