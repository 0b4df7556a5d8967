/**
 * The lab PBX on its own: `npx tsx lab/src/main.ts [--port 5090] [--office lab/office.json] [--no-callers]`.
 * Prints where to connect; Ctrl-C stops it.
 */
import { parseArgs } from 'node:util';
import { createLabLogger } from './log.ts';
import { startLab } from './start-lab.ts';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '5090' },
    office: { type: 'string' },
    'no-callers': { type: 'boolean', default: false },
  },
});
const lab = await startLab({
  port: Number(values.port),
  ...(values.office === undefined ? {} : { officePath: values.office }),
  withCallers: !values['no-callers'],
  log: createLabLogger(),
});
const { reception } = lab.office;
process.stdout.write(
  `Lab PBX ready.\n  WebSocket server: ${lab.webSocketUrl}\n  SIP address:      ${reception.user}@${lab.office.domain}\n  Password:         ${reception.password}\n  Control API:      ${lab.controlUrl}/state\n`,
);
const stop = () => void lab.stop().then(() => process.exit(0));
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
