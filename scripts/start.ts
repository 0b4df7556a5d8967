/**
 * `npm start`: builds the extension and tells how to load it. (The lab PBX issue turns this into a one-command
 * office: lab PBX, browser with the extension, account already set.)
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
execFileSync(process.execPath, ['--import', 'tsx', 'scripts/build.ts'], { cwd: root, stdio: 'inherit' });
process.stdout.write(`
Switchboard is built.

  Chrome / Chromium: open chrome://extensions, turn on Developer mode, "Load unpacked", pick
                     ${root}dist/chrome
  Firefox:           open about:debugging#/runtime/this-firefox, "Load Temporary Add-on", pick
                     ${root}dist/firefox/manifest.json

Then open the side panel (toolbar button › Open console) and log in with your PBX's WebSocket address
(wss://…), your SIP address and password.
`);
