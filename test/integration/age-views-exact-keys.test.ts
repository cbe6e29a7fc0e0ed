import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createDispatcher } from '../../src/main/ipc/dispatcher';
import { SessionController } from '../../src/main/session/session-controller';
import type { AgeKeyView, VaultIdentityQrView } from '../../src/shared/age-views';
import type { MethodName } from '../../src/shared/api';
import type { OpenedBundleView } from '../../src/shared/handoff-views';
import { MemoryPlatform } from '../helpers/memory-platform';
import { pickFile } from '../helpers/pick-file';
import { makeTempDir } from '../helpers/temp-dir';
import { TEST_PASSWORD } from '../helpers/vault-fixture';

/**
 * The contract's output types exist only for the compiler; this checks at run time that what a handler answers has
 * exactly the fields its src/shared view declares, so no field core has (an id, a secret) crosses IPC undeclared.
 * Each list is a Record over the view's keys: the compiler refuses a missing or an extra one.
 */
const AGE_KEY: Record<keyof AgeKeyView, true> = {
  id: true,
  recipientId: true,
  publicKey: true,
  fingerprint: true,
  addedAt: true,
  retiredAt: true,
  retiredHow: true,
};
const VAULT_IDENTITY: Record<keyof VaultIdentityQrView, true> = {
  publicKey: true,
  fingerprint: true,
  createdAt: true,
  qrSvg: true,
};
const OPENED_BUNDLE: Record<keyof OpenedBundleView, true> = {
  recipient: true,
  from: true,
  createdAt: true,
  tokens: true,
  imported: true,
};
const OPENED_TOKEN: Record<keyof OpenedBundleView['tokens'][number], true> = {
  name: true,
  account: true,
  kind: true,
  keyId: true,
};

const keysOf = (value: unknown) => Object.keys(value as object).sort();
const declared = (view: Record<string, true>) => Object.keys(view).sort();

let session: SessionController | undefined;
afterEach(() => session?.lock());

describe('age and opened-bundle handlers answer exactly their declared views', () => {
  it('getRecipientKeys, setRecipientKey, removeRecipientKey, get/createVaultIdentity, openBundle, openAgeBundle', async () => {
    const dir = makeTempDir();
    const platform = new MemoryPlatform();
    session = new SessionController({ userDataDir: join(dir, 'user-data'), platform });
    const dispatch = createDispatcher(session);
    const call = async <T>(method: MethodName, input: unknown): Promise<T> => {
      const answer = await dispatch(method, input);
      if (!answer.ok) throw new Error(`${method}: ${answer.error.message}`);
      return answer.value as T;
    };
    await call('createVault', {
      path: join(dir, 'v.tokenvault'),
      password: TEST_PASSWORD,
      operator: 'Olivia',
    });
    const account = await call<{ id: number }>('createAccount', { name: 'Main', profile: 'generic' });
    const token = await call<{ id: number }>('createToken', {
      accountId: account.id,
      name: 'Sync',
      value: 'exact-keys-token-value-0123456789',
      keyId: 'key-1',
    });
    const recipient = await call<{ id: number }>('createRecipient', { name: 'Acme' });

    const created = await call('createVaultIdentity', {});
    expect(keysOf(created)).toEqual(declared(VAULT_IDENTITY));
    expect(keysOf(await call('getVaultIdentity', {}))).toEqual(declared(VAULT_IDENTITY));

    const keyFile = join(dir, 'key.txt');
    expect(spawnSync('age-keygen', ['-o', keyFile]).status).toBe(0);
    const other = /age1[0-9a-z]+/.exec(readFileSync(keyFile, 'utf8'))![0];
    const first = await call<{ key: AgeKeyView; replaced: null }>('setRecipientKey', {
      id: recipient.id,
      publicKey: other,
    });
    expect(keysOf(first)).toEqual(['key', 'replaced']);
    expect(keysOf(first.key)).toEqual(declared(AGE_KEY));
    const own = (created as VaultIdentityQrView).publicKey;
    const second = await call<{ key: AgeKeyView; replaced: AgeKeyView }>('setRecipientKey', {
      id: recipient.id,
      publicKey: own,
    });
    expect(keysOf(second.key)).toEqual(declared(AGE_KEY));
    expect(keysOf(second.replaced)).toEqual(declared(AGE_KEY));
    const keys = await call<{ current: AgeKeyView; history: AgeKeyView[] }>('getRecipientKeys', {
      id: recipient.id,
    });
    expect(keysOf(keys)).toEqual(['current', 'history']);
    expect(keysOf(keys.current)).toEqual(declared(AGE_KEY));
    expect(keys.history).toHaveLength(2);
    for (const key of keys.history) expect(keysOf(key)).toEqual(declared(AGE_KEY));

    // An age bundle to the vault's own key, then a password ZIP once the key is removed.
    const agePath = join(dir, 'acme.age');
    await pickFile(dispatch, platform, 'chooseBundleFile', agePath);
    await call('exportHandoffToKey', {
      recipientId: recipient.id,
      tokenIds: [token.id],
      fields: ['value', 'key-id'],
      outPath: agePath,
      armor: false,
    });
    expect(keysOf(await call('removeRecipientKey', { id: recipient.id }))).toEqual(declared(AGE_KEY));
    const zipPath = join(dir, 'acme.zip');
    await pickFile(dispatch, platform, 'chooseBundleFile', zipPath);
    const { password } = await call<{ password: string }>('exportHandoff', {
      recipientId: recipient.id,
      tokenIds: [token.id],
      fields: ['value', 'key-id'],
      outPath: zipPath,
      channel: 'sms',
    });
    const inbox = await call<{ id: number }>('createAccount', { name: 'Inbox', profile: 'generic' });
    for (const [method, input] of [
      ['openAgeBundle', { path: agePath }],
      ['openBundle', { path: zipPath, password }],
      ['openAgeBundle', { path: agePath, importIntoAccountId: inbox.id }],
    ] as const) {
      await pickFile(dispatch, platform, 'chooseBundleToOpen', input.path);
      const opened = await call<OpenedBundleView>(method, input);
      expect({ method, keys: keysOf(opened) }).toEqual({ method, keys: declared(OPENED_BUNDLE) });
      expect(opened.tokens).toHaveLength(1);
      expect(keysOf(opened.tokens[0])).toEqual(declared(OPENED_TOKEN));
    }
  }, 120_000);
});
