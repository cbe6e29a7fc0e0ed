// Builds better-sqlite3-multiple-ciphers for Electron's ABI into out/native/electron/, from a private copy of its
// sources, so node_modules keeps the Node-ABI build that the CLI and the tests load (DESIGN.md section 9).
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
  copyFileSync,
} from 'node:fs';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const electronVersion = JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')).version;
const addonDir = dirname(require.resolve('better-sqlite3-multiple-ciphers/package.json'));
const addonVersion = JSON.parse(readFileSync(join(addonDir, 'package.json'), 'utf8')).version;
const outDir = join('out', 'native', 'electron');
const stampFile = join(outDir, 'build-stamp.json');
const stamp = JSON.stringify({
  electronVersion,
  addonVersion,
  platform: process.platform,
  arch: process.arch,
});

if (
  existsSync(stampFile) &&
  readFileSync(stampFile, 'utf8') === stamp &&
  existsSync(join(outDir, 'better_sqlite3.node'))
) {
  process.exit(0);
}

const work = mkdtempSync(join(tmpdir(), 'tokenvault-electron-sqlite-'));
try {
  cpSync(addonDir, work, {
    recursive: true,
    filter: (source) => !source.includes(`${join(addonDir, 'build')}`),
  });
  const nodeGyp = join(dirname(require.resolve('node-gyp/package.json')), 'bin', 'node-gyp.js');
  const result = spawnSync(
    process.execPath,
    [
      nodeGyp,
      'rebuild',
      '--release',
      `--target=${electronVersion}`,
      '--runtime=electron',
      '--dist-url=https://electronjs.org/headers',
    ],
    { cwd: work, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' },
  );
  if (result.status !== 0) {
    const reason = /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|getaddrinfo|network/i.test(result.stderr ?? '')
      ? "Electron's headers could not be downloaded (no internet access)"
      : 'node-gyp failed (run it by hand in a copy of the addon to see why)';
    console.error(
      `Token Vault: could not build the SQLite addon for Electron ${electronVersion}: ${reason}.`,
    );
    process.exit(1);
  }
  mkdirSync(outDir, { recursive: true });
  copyFileSync(join(work, 'build', 'Release', 'better_sqlite3.node'), join(outDir, 'better_sqlite3.node'));
  writeFileSync(stampFile, stamp);
} finally {
  rmSync(work, { recursive: true, force: true });
}
