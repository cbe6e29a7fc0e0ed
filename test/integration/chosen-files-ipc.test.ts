import { afterEach, describe, expect, it } from 'vitest';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createDispatcher } from '../../src/main/ipc/dispatcher';
import { SessionController } from '../../src/main/session/session-controller';
import { MAX_CHOSEN_FILES } from '../../src/main/session/chosen-files';
import { MemoryPlatform } from '../helpers/memory-platform';
import { pickFile } from '../helpers/pick-file';
import { makeTempDir } from '../helpers/temp-dir';
import { TEST_PASSWORD } from '../helpers/vault-fixture';

let session: SessionController | undefined;
afterEach(() => session?.lock());

const refusedUnpicked = {
  ok: false,
  error: {
    code: 'INVALID_INPUT',
    message: expect.stringMatching(/^Choose (the file|where to save) in the file dialog first/),
  },
};

async function unlockedApp() {
  const dir = makeTempDir();
  const platform = new MemoryPlatform();
  session = new SessionController({ userDataDir: join(dir, 'user-data'), platform });
  const dispatch = createDispatcher(session);
  const created = await dispatch('createVault', {
    path: join(dir, 'v.tokenvault'),
    password: TEST_PASSWORD,
    operator: 'op',
  });
  expect(created.ok).toBe(true);
  const call = async <T>(method: string, input: unknown): Promise<T> => {
    const result = await dispatch(method, input);
    if (!result.ok) throw new Error(result.error.message);
    return result.value as T;
  };
  return { dir, platform, dispatch, call };
}

describe('main reads and writes only the files the user picked in a dialog', () => {
  it('refuses a path the page names without a pick, for every method that reads or writes a file; nothing is written', async () => {
    const { dir, platform, dispatch, call } = await unlockedApp();
    const account = await call<{ id: number }>('createAccount', { name: 'CRM', profile: 'generic' });
    const token = await call<{ id: number }>('createToken', {
      accountId: account.id,
      name: 'Sync',
      value: 'a-token-value-for-the-chosen-files-test',
    });
    const agency = await call<{ id: number }>('createRecipient', { name: 'Acme' });
    const secretElsewhere = join(dir, 'id_ed25519');
    writeFileSync(secretElsewhere, 'PRIVATE_KEY=not-for-the-page\n');

    const bundle = join(dir, 'bundle.zip');
    expect(
      await dispatch('exportHandoff', {
        recipientId: agency.id,
        tokenIds: [token.id],
        fields: ['value'],
        outPath: bundle,
        channel: 'sms',
      }),
    ).toMatchObject(refusedUnpicked);
    expect(existsSync(bundle)).toBe(false);
    const identity = await call<{ publicKey: string }>('createVaultIdentity', {});
    await call('setRecipientKey', { id: agency.id, publicKey: identity.publicKey });
    const ageBundle = join(dir, 'bundle.age');
    expect(
      await dispatch('exportHandoffToKey', {
        recipientId: agency.id,
        tokenIds: [token.id],
        fields: ['value'],
        outPath: ageBundle,
        armor: false,
      }),
    ).toMatchObject(refusedUnpicked);
    expect(existsSync(ageBundle)).toBe(false);
    const plan = await call<{ id: number }>('startRotationPlan', { tokenIds: [token.id] });
    const checklist = join(dir, 'plan.md');
    expect(await dispatch('exportRotationPlan', { planId: plan.id, outPath: checklist })).toMatchObject(
      refusedUnpicked,
    );
    expect(existsSync(checklist)).toBe(false);
    for (const [method, input] of [
      ['openBundle', { path: secretElsewhere, password: 'x'.repeat(20) }],
      ['openAgeBundle', { path: secretElsewhere }],
      ['openImportSource', { path: secretElsewhere, fileName: '.env', format: 'env' }],
    ] as const)
      expect(await dispatch(method, input), method).toMatchObject(refusedUnpicked);
    // A picked import file with a key file the user never picked: refused too.
    await pickFile(dispatch, platform, 'chooseImportFile', secretElsewhere);
    expect(
      await dispatch('openImportSource', {
        path: secretElsewhere,
        fileName: 'team.kdbx',
        format: 'kdbx',
        sourcePassword: 'p',
        keyFilePath: join(dir, 'other.key'),
      }),
    ).toMatchObject(refusedUnpicked);

    // Once picked (the same file named another way included), each goes ahead.
    await pickFile(dispatch, platform, 'chooseBundleFile', bundle);
    await call('exportHandoff', {
      recipientId: agency.id,
      tokenIds: [token.id],
      fields: ['value'],
      outPath: join(dir, '.', 'bundle.zip'),
      channel: 'sms',
    });
    expect(existsSync(bundle)).toBe(true);
    await pickFile(dispatch, platform, 'chooseBundleFile', checklist);
    await call('exportRotationPlan', { planId: plan.id, outPath: checklist });
    expect(existsSync(checklist)).toBe(true);
    // A save pick lets main write there, not read: the page cannot turn "save as id_ed25519" into a read of it.
    await pickFile(dispatch, platform, 'chooseBundleFile', join(dir, 'saved-then-read.env'));
    writeFileSync(join(dir, 'saved-then-read.env'), 'OTHER=not-for-the-page\n');
    expect(
      await dispatch('openImportSource', {
        path: join(dir, 'saved-then-read.env'),
        fileName: '.env',
        format: 'env',
      }),
    ).toMatchObject(refusedUnpicked);
    const opened = await call<{ needsPassword?: boolean; preview?: unknown }>('openImportSource', {
      path: secretElsewhere,
      fileName: '.env',
      format: 'env',
    });
    expect(opened.preview).toBeDefined();
    // Locking forgets every pick.
    await call('lockVault', {});
    await call('unlockVault', { path: join(dir, 'v.tokenvault'), password: TEST_PASSWORD });
    expect(
      await dispatch('openImportSource', { path: secretElsewhere, fileName: '.env', format: 'env' }),
    ).toMatchObject(refusedUnpicked);
  });

  it('remembers at most MAX_CHOSEN_FILES picks, forgetting the oldest first', async () => {
    const { dir, platform, dispatch } = await unlockedApp();
    const first = join(dir, 'first.env');
    writeFileSync(first, 'A_TOKEN=abcdefghijklmnop\n');
    await pickFile(dispatch, platform, 'chooseImportFile', first);
    for (let i = 0; i < MAX_CHOSEN_FILES; i++)
      await pickFile(dispatch, platform, 'chooseImportFile', join(dir, `other-${i}.env`));
    expect(await dispatch('openImportSource', { path: first, fileName: 'first.env' })).toMatchObject(
      refusedUnpicked,
    );
  });
});
