import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Vault } from '../../src/main/core/vault/vault';
import { createDispatcher } from '../../src/main/ipc/dispatcher';
import { SessionController } from '../../src/main/session/session-controller';
import type { MethodName } from '../../src/shared/api';
import type { ImportPreview, ImportResult } from '../../src/shared/import-views';
import { MemoryPlatform } from '../helpers/memory-platform';
import { pickFile } from '../helpers/pick-file';
import { ensureCliBuilt, runCli } from '../helpers/run-cli';
import { TEST_PASSWORD } from '../helpers/vault-fixture';

/**
 * Which rows an import writes is core's one rule (src/main/core/import/import-selection.ts): the app's preview
 * shows it and the CLI's import without --rows writes it. A CSV with a refused row (a day that does not exist) and
 * duplicates (of an earlier row, and of a token the vault holds), into identical vaults: one through the app's IPC
 * handlers, the others through the built CLI.
 */
const CSV = [
  'name,value,expires',
  'Alpha,selection-value-alpha-0001,',
  'Beta,selection-value-beta-0002,2026-02-31',
  'Gamma,selection-value-alpha-0001,',
  'Delta,selection-value-delta-0004,2027-01-15',
  'Epsilon,selection-value-held-0005,',
  'Zeta,selection-value-zeta-0006,',
].join('\n');

let dir: string;
const file = (name: string) => join(dir, name);
const env = () => ({ TOKENVAULT_PASSWORD_FILE: file('master.txt') });

async function vaultHoldingOneValue(name: string): Promise<string> {
  const path = file(name);
  const { vault } = await Vault.create(path, { password: TEST_PASSWORD, operator: 'Olivia' });
  const account = vault.accounts.create({ name: 'Imported', profile: 'generic' });
  vault.tokens.create({ accountId: account.id, name: 'Held', value: 'selection-value-held-0005' });
  vault.lock();
  return path;
}

const selectedRows = (preview: ImportPreview) => preview.rows.filter((r) => r.selected).map((r) => r.row);
const cliImport = (vault: string, ...args: string[]) =>
  runCli(['import', vault, '--from', 'csv', '--file', file('tokens.csv'), ...args], { env: env() });

async function tokenNames(path: string): Promise<string[]> {
  const vault = await Vault.open(path, { password: TEST_PASSWORD });
  try {
    return vault.tokens
      .list()
      .map((t) => t.name)
      .sort();
  } finally {
    vault.lock();
  }
}

/** The app's Import dialog: open the source, preview with the plan, commit the rows the preview selected. */
async function appImport(path: string, plan: Record<string, unknown>) {
  const platform = new MemoryPlatform();
  const session = new SessionController({ userDataDir: file(`user-${basename(path)}`), platform });
  const dispatch = createDispatcher(session);
  const call = async <T>(method: MethodName, input: unknown): Promise<T> => {
    const answer = await dispatch(method, input);
    if (!answer.ok) throw new Error(`${method}: ${answer.error.message}`);
    return answer.value as T;
  };
  try {
    await call('unlockVault', { path, password: TEST_PASSWORD });
    await pickFile(dispatch, platform, 'chooseImportFile', file('tokens.csv'));
    const { importId } = await call<{ importId: string }>('openImportSource', {
      path: file('tokens.csv'),
      fileName: 'tokens.csv',
      format: 'csv',
    });
    const preview = await call<ImportPreview>('previewImport', { importId, plan });
    const selection = selectedRows(preview);
    const result = await call<ImportResult>('commitImport', { importId, plan: { ...plan, selection } });
    return { selection, result };
  } finally {
    session.lock();
  }
}

beforeAll(() => {
  ensureCliBuilt();
  dir = mkdtempSync(join(tmpdir(), 'tv-import-selection-'));
  writeFileSync(file('tokens.csv'), `${CSV}\n`);
  writeFileSync(file('master.txt'), `${TEST_PASSWORD}\n`);
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the app and the CLI import the same rows of a file', () => {
  it('by default: neither the refused row nor the duplicates; the CLI stops at the refused row unless told to skip it', async () => {
    const app = await appImport(await vaultHoldingOneValue('app.tokenvault'), {});
    // Row 2 is refused (31 February), rows 3 and 5 are duplicates: of row 1, of the vault's "Held".
    expect(app.selection).toEqual([1, 4, 6]);
    expect(app.result.skipped.map((s) => s.row)).toEqual([2, 3, 5]);

    const cliVault = await vaultHoldingOneValue('cli.tokenvault');
    const dryRun = await cliImport(cliVault, '--dry-run', '--json');
    expect(dryRun.code).toBe(0);
    expect(selectedRows(JSON.parse(dryRun.stdout))).toEqual(app.selection);
    const stopped = await cliImport(cliVault);
    expect(stopped.code).toBe(5);
    expect(stopped.stderr).toMatch(/^tokenvault: Row 2: .* Nothing was imported; add --skip-refused/);
    const written = await cliImport(cliVault, '--skip-refused', '--json');
    expect(written.code).toBe(0);
    expect(JSON.parse(written.stdout)).toEqual(app.result);
    expect(await tokenNames(cliVault)).toEqual(await tokenNames(file('app.tokenvault')));
  }, 300_000);

  it('with duplicates included: the preview, the app and the CLI all take rows 1, 3, 4, 5 and 6', async () => {
    const app = await appImport(await vaultHoldingOneValue('app-dup.tokenvault'), {
      includeDuplicates: true,
    });
    expect(app.selection).toEqual([1, 3, 4, 5, 6]);
    const cliVault = await vaultHoldingOneValue('cli-dup.tokenvault');
    const dryRun = await cliImport(cliVault, '--include-duplicates', '--dry-run', '--json');
    expect(selectedRows(JSON.parse(dryRun.stdout))).toEqual(app.selection);
    const written = await cliImport(cliVault, '--include-duplicates', '--skip-refused', '--json');
    expect(written.code).toBe(0);
    expect(JSON.parse(written.stdout)).toEqual(app.result);
    expect(await tokenNames(cliVault)).toEqual(await tokenNames(file('app-dup.tokenvault')));
  }, 300_000);
});
