// `npm start`: build, then launch Electron. Where Electron's binary cannot be fetched, say so in one sentence.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const run = (cmd, args) => spawnSync(cmd, args, { stdio: 'inherit', shell: process.platform === 'win32' });

const built = run('npx', ['electron-vite', 'build']);
if (built.status !== 0) process.exit(built.status ?? 1);
// The app loads the SQLite addon built for Electron's ABI from its own folder, so tests keep the Node build.
const rebuilt = run('node', ['scripts/build-electron-sqlite.mjs']);
if (rebuilt.status !== 0) {
  console.error('Token Vault: could not build the SQLite addon for Electron (see the output above).');
  process.exit(1);
}
let electronPath;
try {
  electronPath = require('electron');
} catch {
  console.error(
    "Token Vault: Electron's binary is not on this machine and could not be downloaded; the CLI (npx tokenvault) and the tests still work.",
  );
  process.exit(1);
}
const launched = spawnSync(electronPath, ['.'], { stdio: 'inherit' });
if (launched.error) {
  console.error(
    'Token Vault: the Electron binary could not be downloaded or started on this machine; the CLI (npx tokenvault) and the tests still work.',
  );
  process.exit(1);
}
process.exit(launched.status ?? 0);
