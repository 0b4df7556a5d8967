import { BackgroundCommands } from '../protocol/background-commands.ts';
import type { CommandRequest, CommandResponse, CommandResult, CommandType } from '../protocol/command-contract.ts';
import { sendCommand } from '../protocol/messenger.ts';

/** Sends a command from an extension page to the background. */
export function command<K extends CommandType<BackgroundCommands>>(
  type: K,
  request: CommandRequest<BackgroundCommands, K>,
): Promise<CommandResult<CommandResponse<BackgroundCommands, K>>> {
  return sendCommand('background', BackgroundCommands, type, request);
}
