import { BackgroundCommands } from '../protocol/background-commands.ts';
import type {
  CommandErrorPayload,
  CommandRequest,
  CommandResponse,
  CommandResult,
  CommandType,
} from '../protocol/command-contract.ts';
import { sendCommand } from '../protocol/messenger.ts';
import { postGlobalMessage } from './global-messages.ts';
import { tDynamic } from './i18n-signal.ts';

/** Sends a command from an extension page to the background. */
export function command<K extends CommandType<BackgroundCommands>>(
  type: K,
  request: CommandRequest<BackgroundCommands, K>,
): Promise<CommandResult<CommandResponse<BackgroundCommands, K>>> {
  return sendCommand('background', BackgroundCommands, type, request);
}

/** What the receptionist reads for a failed command: the first field's message when a field is wrong, else its own. */
export function errorText(error: CommandErrorPayload): string {
  return tDynamic(error.fields?.[0]?.messageKey ?? error.messageKey);
}

/**
 * Sends a command and, when it fails, says why in the global messages area — the idiom of every button of the
 * console. The result comes back for a caller that does more (a form showing the error by its field too).
 */
export async function commandOrReport<K extends CommandType<BackgroundCommands>>(
  type: K,
  request: CommandRequest<BackgroundCommands, K>,
): Promise<CommandResult<CommandResponse<BackgroundCommands, K>>> {
  const result = await command(type, request);
  if (!result.ok) postGlobalMessage('error', errorText(result.error));
  return result;
}
