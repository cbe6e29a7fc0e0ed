import { afterEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { api, METHOD_NAMES, type MethodInput, type MethodName } from '../../src/shared/api';
import { ERROR_CODES } from '../../src/shared/errors';
import { BRIDGE_METHODS } from '../../src/shared/method-names';
import { createDispatcher } from '../../src/main/ipc/dispatcher';
import { handlers } from '../../src/main/ipc/handlers';
import { MemoryPlatform } from '../helpers/memory-platform';
import { SessionController } from '../../src/main/session/session-controller';
import { generateTokenValue } from '../../src/main/core/crypto/token-generator';
import { makeTempDir } from '../helpers/temp-dir';
import { TEST_PASSWORD } from '../helpers/vault-fixture';

interface FixtureIds {
  accountId: number;
  tokenId: number;
  recipientId: number;
  vaultPath: string;
}

/**
 * One valid input per contract method (the compiler fails when a method is missing). Hostile inputs are made by
 * breaking one part of these, so each refusal is caused by the hostile part and not by an unrelated missing field.
 */
const VALID_INPUTS: { [M in MethodName]: (ids: FixtureIds) => MethodInput<M> } = {
  getSession: () => ({}),
  listRecentVaults: () => ({}),
  chooseVaultFolder: () => ({ purpose: 'open' }),
  createVault: (ids) => ({ path: `${ids.vaultPath}-2`, password: TEST_PASSWORD, operator: 'op' }),
  unlockVault: (ids) => ({ path: ids.vaultPath, password: TEST_PASSWORD }),
  createDemoVault: (ids) => ({ path: `${ids.vaultPath}-demo` }),
  lockVault: () => ({}),
  getKeychainStatus: () => ({}),
  setKeychainUnlock: () => ({ enabled: false }),
  reportActivity: () => ({}),
  changeMasterPassword: () => ({ currentPassword: TEST_PASSWORD, newPassword: `${TEST_PASSWORD} two` }),
  updateSettings: () => ({ autoLockMinutes: 10 }),
  verifyVault: () => ({}),
  listAccounts: () => ({}),
  createAccount: () => ({ name: 'Second' }),
  updateAccount: (ids) => ({ id: ids.accountId, name: 'Renamed' }),
  deleteAccount: (ids) => ({ id: ids.accountId }),
  listTokens: (ids) => ({ accountId: ids.accountId, search: 'kno' }),
  getToken: (ids) => ({ id: ids.tokenId }),
  createToken: (ids) => ({ accountId: ids.accountId, name: 'New', generate: { length: 32 } }),
  updateToken: (ids) => ({ id: ids.tokenId, description: 'changed' }),
  deleteToken: (ids) => ({ id: ids.tokenId }),
  tokenStates: () => ({}),
  unassignedTokenIds: () => ({}),
  tokenUsage: (ids) => ({ id: ids.tokenId }),
  regenerateToken: (ids) => ({ id: ids.tokenId }),
  setTokenStatus: (ids) => ({ id: ids.tokenId, status: 'inactive' }),
  setTokenEnabled: (ids) => ({ id: ids.tokenId, enabled: false }),
  recordTokenActivity: (ids) => ({ id: ids.tokenId, at: '2026-01-02' }),
  setTokenExpiry: (ids) => ({ id: ids.tokenId, expiresAt: '2030-01-01' }),
  purgePreviousValues: (ids) => ({ id: ids.tokenId }),
  listEarlierValues: (ids) => ({ id: ids.tokenId }),
  revealEarlierValue: (ids) => ({ id: ids.tokenId, valueId: 1 }),
  restoreEarlierValue: (ids) => ({ id: ids.tokenId, valueId: 1 }),
  listLinks: (ids) => ({ accountId: ids.accountId }),
  mapToken: (ids) => ({ secondaryId: ids.tokenId, primaryId: ids.tokenId }),
  unmapToken: (ids) => ({ secondaryId: ids.tokenId, primaryId: ids.tokenId }),
  setMappingEnabled: (ids) => ({ secondaryId: ids.tokenId, primaryId: ids.tokenId, enabled: false }),
  listEndpoints: (ids) => ({ accountId: ids.accountId }),
  addEndpoint: (ids) => ({ accountId: ids.accountId, name: 'Donations API' }),
  removeEndpoint: () => ({ endpointId: 1 }),
  assignEndpoint: (ids) => ({ endpointId: 1, method: 'GET', tokenId: ids.tokenId }),
  unassignEndpoint: (ids) => ({ endpointId: 1, method: 'GET', tokenId: ids.tokenId }),
  healthReport: () => ({}),
  revealToken: (ids) => ({ id: ids.tokenId }),
  copyToken: (ids) => ({ id: ids.tokenId }),
  tokenHistory: (ids) => ({ id: ids.tokenId }),
  listRecipients: () => ({}),
  createRecipient: () => ({ name: 'Agency' }),
  updateRecipient: (ids) => ({ id: ids.recipientId, organisation: 'Studio' }),
  deleteRecipient: (ids) => ({ id: ids.recipientId }),
  chooseBundleFile: () => ({ suggestedName: 'bundle.zip' }),
  exportHandoff: (ids) => ({
    recipientId: ids.recipientId,
    tokenIds: [ids.tokenId],
    fields: ['value'],
    outPath: `${ids.vaultPath}-bundle.zip`,
    channel: 'sms',
  }),
  copyBundlePassword: () => ({ password: 'some bundle password' }),
  copyRecoveryKey: () => ({ recoveryKey: 'AAAA-BBBB' }),
  saveRecoveryKit: () => ({ recoveryKey: 'AAAA-BBBB' }),
  copyKeyId: (ids) => ({ id: ids.tokenId }),
  listHandoffs: () => ({}),
  tokenHolders: (ids) => ({ id: ids.tokenId }),
  recipientHoldings: (ids) => ({ id: ids.recipientId }),
  planEngagementEnd: (ids) => ({ id: ids.recipientId }),
  setRecipientArchived: (ids) => ({ id: ids.recipientId, archived: true }),
  chooseBundleToOpen: () => ({}),
  openBundle: (ids) => ({ path: `${ids.vaultPath}-bundle.zip`, password: 'some bundle password' }),
  listRotationPlans: () => ({}),
  getRotationPlan: () => ({ id: 1 }),
  startRotationPlan: (ids) => ({ tokenIds: [ids.tokenId] }),
  recordRotationStep: (ids) => ({ planId: 1, tokenId: ids.tokenId, outcome: 'invalidated' }),
  exportRotationPlan: (ids) => ({ planId: 1, outPath: `${ids.vaultPath}-plan.md` }),
  getRecipientKeys: (ids) => ({ id: ids.recipientId }),
  setRecipientKey: (ids) => ({
    id: ids.recipientId,
    publicKey: 'age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p',
  }),
  removeRecipientKey: (ids) => ({ id: ids.recipientId }),
  exportHandoffToKey: (ids) => ({
    recipientId: ids.recipientId,
    tokenIds: [ids.tokenId],
    fields: ['value'],
    outPath: `${ids.vaultPath}-bundle.age`,
    armor: false,
  }),
  getVaultIdentity: () => ({}),
  createVaultIdentity: () => ({}),
  copyVaultPublicKey: () => ({}),
  openAgeBundle: (ids) => ({ path: `${ids.vaultPath}-bundle.age` }),
  chooseImportFile: () => ({}),
  chooseImportKeyFile: () => ({}),
  openImportSource: (ids) => ({ path: `${ids.vaultPath}-import.csv`, fileName: 'import.csv', format: 'csv' }),
  previewImport: () => ({ importId: '00000000-0000-4000-8000-000000000000', plan: {} }),
  commitImport: () => ({ importId: '00000000-0000-4000-8000-000000000000', plan: { selection: [1] } }),
  closeImport: () => ({ importId: '00000000-0000-4000-8000-000000000000' }),
};

/** Hostile values: wrong types, huge and broken strings, prototype tricks. */
const hostileValue = fc.oneof(
  fc.constant(null),
  fc.constant(undefined),
  fc.boolean(),
  fc.double(),
  fc.constantFrom(0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53, -(2 ** 31)),
  fc.integer({ min: -1e12, max: 1e12 }),
  fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }),
  fc.string({ maxLength: 30 }).map((text) => `\u0007${text}`),
  fc.constant('x'.repeat(200_000)),
  fc.constant('a\u0000b'),
  fc.constant('\uD800lone'),
  fc.constant('tail\uDFFF'),
  fc.constant('../../etc/passwd\u0000'),
  fc.constant('line\nbreak'),
  fc.array(fc.integer(), { maxLength: 5 }),
  fc.constant({}),
  fc.constant(JSON.parse('{"__proto__": {"polluted": true}}')),
  fc.constant(() => 'a function'),
  fc.constant(new Date(0)),
  fc.constant(Symbol('s')),
);
const hostileKey = fc.oneof(
  fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'extra', 'id '),
  fc.string({ maxLength: 12 }),
  fc.constant('k'.repeat(5_000)),
);

function withKey(base: object, key: string, value: unknown): Record<string, unknown> {
  // Object.defineProperty makes a real own '__proto__' key, as JSON.parse or structured clone would deliver it.
  const copy: Record<string, unknown> = { ...base };
  Object.defineProperty(copy, key, { value, enumerable: true, configurable: true, writable: true });
  return copy;
}

/** Break a valid input: replace one field, add a key, drop a field, or send something that is not an object. */
function hostileInputFor(valid: Record<string, unknown>): fc.Arbitrary<unknown> {
  const keys = Object.keys(valid);
  const variants: fc.Arbitrary<unknown>[] = [
    hostileValue,
    fc.tuple(hostileKey, hostileValue).map(([key, value]) => withKey(valid, key, value)),
    fc.constant(withKey(valid, '__proto__', { isAdmin: true })),
  ];
  if (keys.length) {
    variants.push(
      fc.tuple(fc.constantFrom(...keys), hostileValue).map(([key, value]) => withKey(valid, key, value)),
      fc.constantFrom(...keys).map((key) => {
        const copy = { ...valid };
        delete copy[key];
        return copy;
      }),
    );
  }
  return fc.oneof(...variants);
}

const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

async function unlockedSession() {
  const dir = makeTempDir();
  const platform = new MemoryPlatform();
  const userDataDir = join(dir, 'user-data');
  const session = new SessionController({ userDataDir, platform });
  const dispatch = createDispatcher(session);
  const vaultPath = join(dir, 'fuzz.tokenvault');
  const created = await dispatch('createVault', {
    path: vaultPath,
    password: TEST_PASSWORD,
    operator: 'fuzzer',
  });
  expect(created.ok).toBe(true);
  const account = await dispatch('createAccount', { name: 'Main' });
  const secret = generateTokenValue();
  const token = await dispatch('createToken', {
    accountId: (account as { value: { id: number } }).value.id,
    name: 'Known',
    value: secret,
  });
  const recipient = await dispatch('createRecipient', { name: 'Agency One' });
  expect([account.ok, token.ok, recipient.ok]).toEqual([true, true, true]);
  const ids: FixtureIds = {
    accountId: (account as { value: { id: number } }).value.id,
    tokenId: (token as { value: { id: number } }).value.id,
    recipientId: (recipient as { value: { id: number } }).value.id,
    vaultPath,
  };
  /** Everything a call could change: the vault folder, its contents, the session, the app's files, the clipboard. */
  const snapshot = () => {
    const vault = session.requireVault();
    return {
      files: readdirSync(vaultPath)
        .filter((name) => !name.endsWith('-shm') && !name.endsWith('-wal'))
        .sort(),
      keyslots: sha256(join(vaultPath, 'keyslots.json')),
      userData: readdirSync(userDataDir).map((name) => [name, sha256(join(userDataDir, name))]),
      tokens: JSON.stringify(vault.tokens.list()),
      accounts: JSON.stringify(vault.accounts.list()),
      recipients: JSON.stringify(originalHandlers.listRecipients(session, {})),
      events: vault.events.count(),
      session: JSON.stringify(session.getSession()),
      clipboard: platform.clipboard,
      dirListing: readdirSync(dir).sort(),
    };
  };
  return { session, dispatch, ids, secret, platform, snapshot };
}

const originalHandlers = { ...handlers };
afterEach(() => Object.assign(handlers, originalHandlers));

/** Count handler calls, to prove a refused input never reaches one. */
function countHandlerCalls(): Map<string, number> {
  const calls = new Map<string, number>();
  for (const method of METHOD_NAMES) {
    const original = originalHandlers[method] as (...args: unknown[]) => unknown;
    (handlers as Record<string, unknown>)[method] = (...args: unknown[]) => {
      calls.set(method, (calls.get(method) ?? 0) + 1);
      return original(...args);
    };
  }
  return calls;
}

describe('IPC dispatcher', () => {
  it('the preload bridge exposes exactly the contract methods, and every method has a handler', () => {
    expect([...BRIDGE_METHODS].sort()).toEqual([...METHOD_NAMES].sort());
    expect(Object.keys(handlers).sort()).toEqual([...METHOD_NAMES].sort());
  });

  it('every valid example input is accepted by its schema (so hostile variants differ only in the broken part)', async () => {
    const { ids } = await unlockedSession();
    for (const method of METHOD_NAMES) {
      const parsed = api[method].input.safeParse(VALID_INPUTS[method](ids));
      expect({ method, ok: parsed.success }).toEqual({ method, ok: true });
    }
  });

  it('refuses unknown methods, including prototype names, without calling anything', async () => {
    const { dispatch } = await unlockedSession();
    const calls = countHandlerCalls();
    const names = [
      '__proto__',
      'constructor',
      'toString',
      'hasOwnProperty',
      'valueOf',
      'nope',
      '',
      'getSession ',
    ];
    for (const method of names) {
      expect(await dispatch(method, {})).toEqual({
        ok: false,
        error: { code: 'INVALID_INPUT', message: 'Unknown request.' },
      });
    }
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string({ maxLength: 40 }).filter((name) => !(METHOD_NAMES as string[]).includes(name)),
          fc.constantFrom<unknown>(42, null, undefined, {}, ['getSession'], Symbol('getSession')),
        ),
        async (method) => {
          const result = await dispatch(method as string, {});
          expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
        },
      ),
      { numRuns: 100, seed: 7 },
    );
    expect(calls.size).toBe(0);
  });

  it('hostile input to every method: a typed INVALID_INPUT, never a throw, no handler call, no change, no secret', async () => {
    const { dispatch, ids, secret, snapshot } = await unlockedSession();
    const before = snapshot();
    const calls = countHandlerCalls();
    let refused = 0;
    for (const method of METHOD_NAMES) {
      const valid = VALID_INPUTS[method](ids) as Record<string, unknown>;
      await fc.assert(
        fc.asyncProperty(hostileInputFor(valid), async (input) => {
          // A variant the schema still accepts is not hostile (e.g. dropping an optional field): not sent.
          fc.pre(!api[method].input.safeParse(input ?? {}).success);
          const result = await dispatch(method, input);
          refused++;
          expect(result.ok).toBe(false);
          if (result.ok) return;
          expect(result.error.code).toBe('INVALID_INPUT');
          expect(typeof result.error.message).toBe('string');
          expect(result.error.message.length).toBeGreaterThan(0);
          expect(result.error.message.length).toBeLessThanOrEqual(300);
          expect(result.error.message.includes(secret)).toBe(false);
          expect(result.error.message.includes(TEST_PASSWORD)).toBe(false);
          expect(Object.keys(result.error).sort()).toEqual(['code', 'message']);
        }),
        { numRuns: 40, seed: 42 },
      );
      expect({ method, calls: calls.get(method) ?? 0 }).toEqual({ method, calls: 0 });
      expect(snapshot()).toEqual(before);
    }
    expect(refused).toBe(METHOD_NAMES.length * 40);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
  });

  it('a VaultError crosses as {code, message}; a locked vault answers VAULT_LOCKED', async () => {
    const { dispatch } = await unlockedSession();
    expect(await dispatch('getToken', { id: 999 })).toEqual({
      ok: false,
      error: { code: 'NOT_FOUND', message: 'There is no token with id 999.' },
    });
    expect((await dispatch('lockVault', {})).ok).toBe(true);
    for (const method of ['listTokens', 'listAccounts', 'revealToken', 'copyToken'] as const) {
      const input = method.startsWith('list') ? {} : { id: 1 };
      const result = await dispatch(method, input);
      expect(result).toMatchObject({ ok: false, error: { code: 'VAULT_LOCKED' } });
      expect(ERROR_CODES).toContain((result as { error: { code: string } }).error.code);
    }
  });

  it('only revealToken answers with a token value: reads, lifecycle changes, mappings and health carry none', async () => {
    const { dispatch, ids, secret } = await unlockedSession();
    const calls: [MethodName, unknown][] = [
      ['listTokens', {}],
      ['getToken', { id: ids.tokenId }],
      ['tokenStates', {}],
      ['tokenUsage', { id: ids.tokenId }],
      ['tokenHistory', { id: ids.tokenId }],
      ['healthReport', {}],
      ['listLinks', {}],
      ['listEndpoints', {}],
      ['recordTokenActivity', { id: ids.tokenId }],
      ['setTokenExpiry', { id: ids.tokenId, expiresAt: '2031-01-01' }],
      ['setTokenEnabled', { id: ids.tokenId, enabled: false }],
      ['setTokenStatus', { id: ids.tokenId, status: 'inactive' }],
      ['regenerateToken', { id: ids.tokenId }],
      ['tokenHistory', { id: ids.tokenId }],
      ['purgePreviousValues', { id: ids.tokenId }],
    ];
    for (const [method, input] of calls) {
      const result = await dispatch(method, input);
      expect({ method, ok: result.ok }).toEqual({ method, ok: true });
      expect({ method, leaks: JSON.stringify(result).includes(secret) }).toEqual({ method, leaks: false });
    }
    const revealed = await dispatch('revealToken', { id: ids.tokenId });
    expect(revealed.ok && (revealed.value as { value: string }).value).not.toBe(secret);
  });

  it('any other throw becomes INTERNAL with a generic sentence: no stack, no details, no secret', async () => {
    const { dispatch, secret } = await unlockedSession();
    const throwers: (() => never)[] = [
      () => {
        throw new Error(`database said ${secret}`);
      },
      () => {
        throw new TypeError(`Cannot read properties of undefined (reading '${secret}')`);
      },
      () => {
        throw `a bare string ${secret}`;
      },
      () => {
        throw Object.assign(new Error('odd'), { code: 'SQLITE_MISUSE', stack: `at ${secret}` });
      },
    ];
    for (const thrower of throwers) {
      handlers.listAccounts = thrower;
      const result = await dispatch('listAccounts', {});
      expect(result.ok).toBe(false);
      if (result.ok) continue;
      expect(result.error.code).toBe('INTERNAL');
      expect(result.error.message).toMatch(/^Something went wrong inside Token Vault/);
      expect(result.error.message.includes(secret)).toBe(false);
      expect(result.error.message).not.toMatch(/\n\s+at /);
    }
    handlers.listAccounts = async () => Promise.reject(new RangeError(secret));
    const rejected = await dispatch('listAccounts', {});
    expect(rejected).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(JSON.stringify(rejected).includes(secret)).toBe(false);
  });
});
