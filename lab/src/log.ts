/** The lab's log: one line per event, to stderr, so stdout stays for what `npm start` tells the user. */
export interface Logger {
  info(message: string): void;
  warn(message: string): void;
}

export function createLabLogger(isQuiet = false): Logger {
  return {
    info: (message) => {
      if (!isQuiet) process.stderr.write(`[lab] ${message}\n`);
    },
    warn: (message) => process.stderr.write(`[lab] warning: ${message}\n`),
  };
}
