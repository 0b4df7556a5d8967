import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BackgroundCommands } from '../../../src/shared/protocol/background-commands.ts';
import { ClickToCallCommands } from '../../../src/shared/protocol/click-to-call-commands.ts';
import { EngineCommands, EngineEvents } from '../../../src/shared/protocol/engine-commands.ts';

const ARCHITECTURE = readFileSync(new URL('../../../docs/ARCHITECTURE.md', import.meta.url), 'utf8');
/** The protocol table: from its header to the first blank line after it. */
const TABLE = ARCHITECTURE.slice(ARCHITECTURE.indexOf('| contract | from → to |')).split('\n\n')[0] ?? '';

/** docs/ARCHITECTURE.md is the map: every message a context can send is in its protocol table. */
describe('the architecture document', () => {
  it.each([
    ['BackgroundCommands', Object.keys(BackgroundCommands)],
    ['EngineCommands', Object.keys(EngineCommands)],
    ['EngineEvents', Object.keys(EngineEvents)],
    ['ClickToCallCommands', Object.keys(ClickToCallCommands)],
    ['PageSettingsChanged', ['click-to-call/page-settings-changed']],
  ])('names every message of %s in the protocol table, on its own row', (contract, messages) => {
    const row = TABLE.split('\n').find((line) => line.startsWith(`| \`${contract}\``)) ?? '';
    expect(messages.filter((message) => !row.includes(`\`${message}\``))).toEqual([]);
  });
});
