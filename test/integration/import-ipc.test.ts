import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createDispatcher } from '../../src/main/ipc/dispatcher';
import { MemoryPlatform } from '../helpers/memory-platform';
import { pickFile } from '../helpers/pick-file';
import { SessionController } from '../../src/main/session/session-controller';
import { generateTokenValue } from '../../src/main/core/crypto/token-generator';
import { kdbxwebDatabase } from '../helpers/import-fixtures';
import { makeTempDir } from '../helpers/temp-dir';
import { TEST_PASSWORD } from '../helpers/vault-fixture';

async function unlockedApp() {
  const dir = makeTempDir();
  const platform = new MemoryPlatform();
  const session = new SessionController({ userDataDir: join(dir, 'user-data'), platform });
  const dispatch = createDispatcher(session);
  const created = await dispatch('createVault', {
    path: join(dir, 'v.tokenvault'),
    password: TEST_PASSWORD,
    operator: 'op',
  });
  expect(created.ok).toBe(true);
  return { dir, platform, session, dispatch };
}

describe('import over IPC: the source stays in main', () => {
  it('no answer carries a value: open (by path or dropped bytes), preview, commit; closed or locked sources are gone', async () => {
    const { dir, platform, session, dispatch } = await unlockedApp();
    const values = [generateTokenValue(), generateTokenValue()];
    const sourcePassword = 'kdbx password over ipc';
    const kdbx = join(dir, 'team.kdbx');
    writeFileSync(
      kdbx,
      await kdbxwebDatabase(
        [
          { group: 'Stripe', title: 'Live', password: values[0]! },
          { group: 'Stripe', title: 'Test', password: values[1]! },
        ],
        { password: sourcePassword, version: 4 },
      ),
    );
    const answers: unknown[] = [];
    const call = async (method: Parameters<typeof dispatch>[0], input: unknown) => {
      const result = await dispatch(method, input);
      answers.push(result);
      return result;
    };

    // A path the user did not pick in the dialog is refused before anything is read.
    const unpicked = await dispatch('openImportSource', {
      path: kdbx,
      fileName: 'team.kdbx',
      sourcePassword,
    });
    expect(unpicked).toMatchObject({
      ok: false,
      error: {
        code: 'INVALID_INPUT',
        message: expect.stringMatching(/^Choose the file in the file dialog first/),
      },
    });
    await pickFile(dispatch, platform, 'chooseImportFile', kdbx);
    const asked = await call('openImportSource', { path: kdbx, fileName: 'team.kdbx' });
    expect(asked).toEqual({ ok: true, value: { needsPassword: true, format: 'kdbx' } });
    const wrong = await call('openImportSource', {
      path: kdbx,
      fileName: 'team.kdbx',
      sourcePassword: 'nope',
    });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'WRONG_PASSWORD' } });
    const opened = await call('openImportSource', { path: kdbx, fileName: 'team.kdbx', sourcePassword });
    if (!opened.ok) throw new Error(opened.error.message);
    const { importId, preview } = opened.value as {
      importId: string;
      preview: { counts: { selected: number } };
    };
    expect(preview.counts.selected).toBe(2);
    const replanned = await call('previewImport', {
      importId,
      plan: { account: 'Payments', selection: [2] },
    });
    expect(replanned).toMatchObject({
      ok: true,
      value: { counts: { selected: 1 }, accounts: [{ name: 'Payments', isNew: true }] },
    });
    const committed = await call('commitImport', { importId, plan: { account: 'Payments', selection: [2] } });
    expect(committed).toEqual({
      ok: true,
      value: { imported: 1, accountsCreated: ['Payments'], skipped: [{ row: 1, reason: 'not selected' }] },
    });
    // Written once: the source is dropped, a second commit cannot write it again.
    expect(await call('commitImport', { importId, plan: {} })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });

    const env = `API_TOKEN=${generateTokenValue()}\n`;
    const dropped = await call('openImportSource', {
      bytesBase64: Buffer.from(env).toString('base64'),
      fileName: 'ci.env',
    });
    if (!dropped.ok) throw new Error(dropped.error.message);
    expect((dropped.value as { format: string }).format).toBe('env');
    const droppedId = (dropped.value as { importId: string }).importId;
    expect(await call('closeImport', { importId: droppedId })).toEqual({ ok: true, value: { closed: true } });
    expect(await call('previewImport', { importId: droppedId, plan: {} })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });

    const again = await call('openImportSource', {
      bytesBase64: Buffer.from(env).toString('base64'),
      fileName: 'ci.env',
    });
    const againId = (again as { value: { importId: string } }).value.importId;
    session.lock();
    expect(await call('previewImport', { importId: againId, plan: {} })).toMatchObject({
      ok: false,
      error: { code: 'VAULT_LOCKED' },
    });

    const everything = JSON.stringify(answers);
    for (const secret of [...values, sourcePassword, env.trim().split('=')[1]!])
      expect(everything).not.toContain(secret);
  });
});
