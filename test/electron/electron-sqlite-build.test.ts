import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { nativeAddonAbi } from '../../src/main/app/native-addon-abi';
import { REPO_ROOT } from '../helpers/run-cli';
import { makeTempDir } from '../helpers/temp-dir';

const require = createRequire(import.meta.url);
const nodeAddon = join(
  dirname(require.resolve('better-sqlite3-multiple-ciphers/package.json')),
  'build/Release/better_sqlite3.node',
);
const electronDir = dirname(require.resolve('electron/package.json'));
const electronAbi = Number(readFileSync(join(electronDir, 'abi_version'), 'utf8').trim());

describe('the Electron-ABI SQLite addon (scripts/build-electron-sqlite.mjs)', () => {
  it('reads an addon’s ABI: the tests’ build is Node’s own, an N-API addon has none', () => {
    expect(nativeAddonAbi(nodeAddon)).toBe(Number(process.versions.modules));
    const argon2 = join(dirname(require.resolve('argon2/package.json')), 'build/Release/argon2.node');
    expect(nativeAddonAbi(argon2)).toBeNull();
    expect(electronAbi).not.toBe(Number(process.versions.modules));
  });

  it('the build script removes an addon built for the wrong runtime, fails in one sentence offline, and leaves node_modules alone', () => {
    // An earlier build that used Node's headers (npm's nodedir) under the Electron name, with a valid-looking stamp.
    const cwd = makeTempDir();
    const outDir = join(cwd, 'out/native/electron');
    mkdirSync(outDir, { recursive: true });
    copyFileSync(nodeAddon, join(outDir, 'better_sqlite3.node'));
    const electronVersion = JSON.parse(readFileSync(join(electronDir, 'package.json'), 'utf8')).version;
    const addonVersion = require('better-sqlite3-multiple-ciphers/package.json').version;
    writeFileSync(
      join(outDir, 'build-stamp.json'),
      JSON.stringify({ electronVersion, addonVersion, platform: process.platform, arch: process.arch }),
    );
    const nodeBuildBefore = statSync(nodeAddon);

    // A dead proxy and an empty header cache make the download fail at once on any machine, online or not.
    const result = spawnSync(process.execPath, [join(REPO_ROOT, 'scripts/build-electron-sqlite.mjs')], {
      cwd,
      encoding: 'utf8',
      timeout: 120_000,
      env: {
        ...process.env,
        npm_config_nodedir: '/usr',
        npm_config_devdir: join(cwd, 'node-gyp-cache'),
        HTTPS_PROXY: 'http://127.0.0.1:9',
        HTTP_PROXY: 'http://127.0.0.1:9',
        https_proxy: 'http://127.0.0.1:9',
        http_proxy: 'http://127.0.0.1:9',
        npm_config_proxy: 'http://127.0.0.1:9',
        npm_config_https_proxy: 'http://127.0.0.1:9',
      },
    });
    expect(result.status).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Token Vault: could not build the SQLite addon for Electron [\d.]+: .+\.$/);
    expect(existsSync(join(outDir, 'better_sqlite3.node'))).toBe(false);
    const nodeBuildAfter = statSync(nodeAddon);
    expect([nodeBuildAfter.mtimeMs, nodeBuildAfter.size]).toEqual([
      nodeBuildBefore.mtimeMs,
      nodeBuildBefore.size,
    ]);
    expect(nativeAddonAbi(nodeAddon)).toBe(Number(process.versions.modules));
  }, 150_000);
});
