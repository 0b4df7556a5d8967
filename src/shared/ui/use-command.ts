import { useCallback, useRef, useState } from 'preact/hooks';
import type { BackgroundCommands } from '../protocol/background-commands.ts';
import type { CommandRequest, CommandResponse, CommandResult, CommandType } from '../protocol/command-contract.ts';
import { commandOrReport } from './command-client.ts';

/**
 * A command a view sends from a button: `run` sends it and, when it fails, says why in the global messages area;
 * `isPending` is true while it is on its way, so the button can say so (and a second click does not send it twice).
 */
export function useCommand<K extends CommandType<BackgroundCommands>>(
  type: K,
): {
  run: (
    request: CommandRequest<BackgroundCommands, K>,
  ) => Promise<CommandResult<CommandResponse<BackgroundCommands, K>> | null>;
  isPending: boolean;
} {
  const [isPending, setPending] = useState(false);
  const inFlight = useRef(false);
  const run = useCallback(
    async (request: CommandRequest<BackgroundCommands, K>) => {
      if (inFlight.current) return null;
      inFlight.current = true;
      setPending(true);
      try {
        return await commandOrReport(type, request);
      } finally {
        inFlight.current = false;
        setPending(false);
      }
    },
    [type],
  );
  return { run, isPending };
}
