import { describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import { REPO_ROOT } from '../helpers/run-cli';

const require = createRequire(import.meta.url);

interface BuilderConfig {
  electronFuses?: Record<string, boolean>;
  npmRebuild?: boolean;
  files?: (string | { filter?: string[] })[];
  asarUnpack?: string[];
  linux?: { target?: string[] };
  mac?: { target?: string[] };
  win?: { target?: string[] };
}

/** electron-builder's own loader and schema check: the same code `electron-builder` runs before packaging. */
async function loadCheckedConfig(): Promise<BuilderConfig> {
  const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
    getConfig(dir: string, path: null, options: null): Promise<BuilderConfig>;
    validateConfiguration(config: BuilderConfig, logger: unknown): Promise<void>;
  };
  const { DebugLogger } = require('builder-util/out/DebugLogger') as {
    DebugLogger: new (enabled: boolean) => unknown;
  };
  const config = await getConfig(REPO_ROOT, null, null);
  await validateConfiguration(config, new DebugLogger(false));
  return config;
}

describe('electron-builder configuration (packaging cannot run here: no Electron download)', () => {
  it('passes electron-builder’s schema and sets the fuses of docs/security.md', async () => {
    const config = await loadCheckedConfig();
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
    expect(config.linux?.target).toEqual(['AppImage', 'deb']);
    expect(config.mac?.target).toEqual(['dmg']);
    expect(config.win?.target).toEqual(['nsis']);
  });

  it('keeps node_modules on the Node ABI and ships the Electron-ABI SQLite addon from out/native', async () => {
    const config = await loadCheckedConfig();
    expect(config.npmRebuild).toBe(false);
    const patterns = (config.files ?? []).flatMap((entry) =>
      typeof entry === 'string' ? [entry] : (entry.filter ?? []),
    );
    expect(patterns).toContain('out/native/**');
    expect(config.asarUnpack).toContain('out/native/**');
  });

  it('the schema check is real: an unknown fuse is refused', async () => {
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
      validateConfiguration(config: BuilderConfig, logger: unknown): Promise<void>;
    };
    const { DebugLogger } = require('builder-util/out/DebugLogger') as {
      DebugLogger: new (enabled: boolean) => unknown;
    };
    const config = await loadCheckedConfig();
    await expect(
      validateConfiguration(
        { ...config, electronFuses: { ...config.electronFuses, runAsNodeTypo: false } },
        new DebugLogger(false),
      ),
    ).rejects.toThrow(/Invalid configuration object/);
  });
});
