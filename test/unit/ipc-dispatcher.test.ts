import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { METHOD_NAMES } from '../../src/shared/api';
import { BRIDGE_METHODS } from '../../src/shared/method-names';
import { createDispatcher } from '../../src/main/ipc/dispatcher';
import { MemoryPlatform } from '../../src/main/session/memory-platform';
import { SessionController } from '../../src/main/session/session-controller';
import { generateTokenValue } from '../../src/main/core/crypto/token-generator';
import { makeTempDir } from '../helpers/temp-dir';
import { TEST_PASSWORD } from '../helpers/vault-fixture';

/** Hostile payloads: wrong types, huge and broken strings, prototype keys, extra keys. */
const hostileValue = fc.oneof(
  fc.constant(null),
  fc.constant(undefined),
  fc.boolean(),
  fc.double(),
  fc.integer({ min: -1e12, max: 1e12 }),
  fc.string({ maxLength: 50 }).map((text) => `\u0007${text}`),
  fc.constant('x'.repeat(200_000)),
  fc.constant('a\u0000b'),
  fc.constant('\uD800lone'),
  fc.constant('../../etc/passwd\u0000'),
  fc.array(fc.integer(), { maxLength: 5 }),
  fc.constant({ __proto__: { polluted: true } }),
);
const hostileInput = fc.oneof(
  hostileValue,
  fc.dictionary(
    fc.oneof(
      fc.constantFrom(
        '__proto__',
        'constructor',
        'id',
        'path',
        'password',
        'name',
        'value',
        'accountId',
        'search',
        'extra',
      ),
      fc.string({ maxLength: 10 }),
    ),
    hostileValue,
    { maxKeys: 5 },
  ),
  fc.constant(JSON.parse('{"__proto__": {"isAdmin": true}, "id": 1}')),
);

async function unlockedSession() {
  const dir = makeTempDir();
  const platform = new MemoryPlatform();
  const session = new SessionController({ userDataDir: join(dir, 'user-data'), platform });
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
  expect(token.ok).toBe(true);
  return { session, dispatch, vaultPath, secret, platform };
}

describe('IPC dispatcher', () => {
  it('the preload bridge exposes exactly the contract methods', () => {
    expect([...BRIDGE_METHODS].sort()).toEqual([...METHOD_NAMES].sort());
  });

  it('refuses unknown methods, including prototype names', async () => {
    const { dispatch } = await unlockedSession();
    for (const method of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'nope', '']) {
      expect(await dispatch(method, {})).toEqual({
        ok: false,
        error: { code: 'INVALID_INPUT', message: 'Unknown request.' },
      });
    }
  });

  it('hostile input to every method returns a typed error, never throws, changes nothing and leaks no secret', async () => {
    const { dispatch, vaultPath, secret, session } = await unlockedSession();
    const snapshot = async () => ({
      files: readdirSync(vaultPath)
        .filter((name) => !name.endsWith('-shm') && !name.endsWith('-wal'))
        .sort(),
      tokens: JSON.stringify(session.requireVault().tokens.list()),
      accounts: JSON.stringify(session.requireVault().accounts.list()),
      events: session.requireVault().events.count(),
      state: session.getSession().state,
    });
    const before = await snapshot();
    // Read-only methods may accept an odd but valid input (e.g. {}); any method that changes state must refuse.
    const readOnly = new Set([
      'getSession',
      'listRecentVaults',
      'listAccounts',
      'listTokens',
      'reportActivity',
      'verifyVault',
      'chooseVaultFolder',
      'getKeychainStatus',
      'listRecipients',
      'listHandoffs',
      'chooseBundleFile',
      'updateSettings',
    ]);
    let calls = 0;
    for (const method of METHOD_NAMES) {
      await fc.assert(
        fc.asyncProperty(hostileInput, async (input) => {
          if (
            method === 'lockVault' &&
            (input === undefined ||
              input === null ||
              (typeof input === 'object' && !Array.isArray(input) && Object.keys(input).length === 0))
          ) {
            return;
          }
          calls++;
          const result = await dispatch(method, input);
          if (result.ok) {
            // Only read-only methods may accept something odd (e.g. empty input); they change nothing.
            expect(readOnly.has(method)).toBe(true);
            return;
          }
          expect(typeof result.error.code).toBe('string');
          expect(typeof result.error.message).toBe('string');
          expect(result.error.message.includes(secret)).toBe(false);
          expect(result.error.message.length).toBeLessThan(500);
        }),
        { numRuns: 40, seed: 42 },
      );
    }
    expect(calls).toBeGreaterThan(METHOD_NAMES.length * 20);
    expect(await snapshot()).toEqual(before);
  });

  it('a VaultError crosses as {code, message}; a locked vault answers VAULT_LOCKED', async () => {
    const { dispatch } = await unlockedSession();
    expect(await dispatch('getToken', { id: 999 })).toEqual({
      ok: false,
      error: { code: 'NOT_FOUND', message: 'There is no token with id 999.' },
    });
    expect((await dispatch('lockVault', {})).ok).toBe(true);
    expect(await dispatch('listTokens', {})).toMatchObject({ ok: false, error: { code: 'VAULT_LOCKED' } });
  });
});
