// Builds better-sqlite3-multiple-ciphers for Electron's ABI into out/native/electron/, from a private copy of its
// sources, so node_modules keeps the Node-ABI build that the CLI and the tests load (docs/vault-format.md).
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
const electronDir = dirname(require.resolve('electron/package.json'));
const electronVersion = JSON.parse(readFileSync(join(electronDir, 'package.json'), 'utf8')).version;
// NODE_MODULE_VERSION of this Electron (Node 20 is 115): the addon must export node_register_module_v<abi>.
const electronAbi = Number(readFileSync(join(electronDir, 'abi_version'), 'utf8').trim());
const addonDir = dirname(require.resolve('better-sqlite3-multiple-ciphers/package.json'));
const addonVersion = JSON.parse(readFileSync(join(addonDir, 'package.json'), 'utf8')).version;
const outDir = join('out', 'native', 'electron');
const addonFile = join(outDir, 'better_sqlite3.node');
const stampFile = join(outDir, 'build-stamp.json');

/** The ABI an addon was built for, from its export name (the same test as src/main/app/native-addon-abi.ts). */
function addonAbi(path) {
  const match = /node_register_module_v(\d+)/.exec(readFileSync(path).toString('latin1'));
  return match ? Number(match[1]) : null;
}
const stamp = JSON.stringify({
  electronVersion,
  addonVersion,
  platform: process.platform,
  arch: process.arch,
});

if (existsSync(addonFile) && addonAbi(addonFile) !== electronAbi) {
  // Built for another runtime (for instance with npm's nodedir pointing at Node's headers): never leave it in place.
  rmSync(outDir, { recursive: true, force: true });
}
if (existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp && existsSync(addonFile)) {
  process.exit(0);
}

// node-gyp honours npm's nodedir (set to Node's own headers on some machines, and exported to this process by
// `npm start`): it would then build for Node while saying Electron. Electron's headers come from --dist-url only.
const env = Object.fromEntries(
  Object.entries(process.env).filter(
    ([name]) => !/^npm_config_(nodedir|target|runtime|dist_url|disturl)$/i.test(name),
  ),
);

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
    { cwd: work, env, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' },
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
  const built = join(work, 'build', 'Release', 'better_sqlite3.node');
  const builtAbi = addonAbi(built);
  if (builtAbi !== electronAbi) {
    console.error(
      `Token Vault: the SQLite addon came out for ABI ${builtAbi}, not Electron ${electronVersion}'s ${electronAbi}; it was not installed.`,
    );
    process.exit(1);
  }
  mkdirSync(outDir, { recursive: true });
  copyFileSync(built, addonFile);
  writeFileSync(stampFile, stamp);
} finally {
  rmSync(work, { recursive: true, force: true });
}
