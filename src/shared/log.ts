/**
 * The one place that writes to the console (lint forbids `console` elsewhere). Each context names itself, so a line
 * in the browser's logs says where it came from; tests read these lines from every context.
 */
export interface Logger {
  debug(message: string, ...details: unknown[]): void;
  info(message: string, ...details: unknown[]): void;
  warn(message: string, ...details: unknown[]): void;
  error(message: string, ...details: unknown[]): void;
}

export function createLogger(context: string): Logger {
  const prefix = `[switchboard:${context}]`;
  /* eslint-disable no-console -- this module is the logger */
  return {
    debug: (message, ...details) => console.debug(prefix, message, ...details),
    info: (message, ...details) => console.info(prefix, message, ...details),
    warn: (message, ...details) => console.warn(prefix, message, ...details),
    error: (message, ...details) => console.error(prefix, message, ...details),
  };
  /* eslint-enable no-console */
}

/** Logs what would otherwise escape silently: uncaught errors and unhandled promise rejections. */
export function reportUncaughtErrors(log: Logger): void {
  globalThis.addEventListener('error', (event) => log.error('uncaught error', event.error ?? event.message));
  globalThis.addEventListener('unhandledrejection', (event) => log.error('unhandled rejection', event.reason));
}
