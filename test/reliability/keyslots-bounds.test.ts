import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { KEYSLOT_KDF_BOUNDS } from '../../src/main/core/vault/keyslot-bounds';
import type { KeySlotsFile, PasswordSlot } from '../../src/main/core/vault/keyslots';
import { Vault } from '../../src/main/core/vault/vault';
import { ensureCliBuilt } from '../helpers/run-cli';
import { expectOneSentence, runCliLimited } from '../helpers/run-cli-limited';
import { makeTempDir } from '../helpers/temp-dir';
import { TEST_PASSWORD } from '../helpers/vault-fixture';

beforeAll(() => ensureCliBuilt(), 120_000);

const ALTERED = /^tokenvault: keyslots\.json is damaged or altered \(.+\); put back its copy from backups\//;

type Edit = (slot: PasswordSlot) => void;

const edits: [string, Edit][] = [
  ['iterations 2^31 (would hang)', (slot) => (slot.kdf.iterations = 2 ** 31)],
  ['memoryKiB of 16 GiB (would allocate it)', (slot) => (slot.kdf.memoryKiB = 16 * 1024 * 1024)],
  ['memoryKiB 8 (Argon2 itself refuses it)', (slot) => (slot.kdf.memoryKiB = 8)],
  ['parallelism 255', (slot) => (slot.kdf.parallelism = 255)],
  ['iterations 2 (under the floor)', (slot) => (slot.kdf.iterations = 2)],
  ['an 8-byte salt', (slot) => (slot.kdf.salt = Buffer.alloc(8, 1).toString('base64'))],
  ['a 4-byte nonce', (slot) => (slot.wrap.nonce = Buffer.alloc(4, 1).toString('base64'))],
  ['a 1 MiB ciphertext', (slot) => (slot.wrap.ciphertext = Buffer.alloc(1024 * 1024).toString('base64'))],
];

describe(
  'keyslots.json parameters are bounded before anything is derived (CLI under prlimit --as=1.5 GiB)',
  { timeout: 180_000 },
  () => {
    it.each(edits)('%s: exit 6 with one sentence, within the 30 s kill', async (_label, edit) => {
      const dir = makeTempDir('tv-keyslot-bounds-');
      const path = join(dir, 'bounds.tokenvault');
      (await Vault.create(path, { password: TEST_PASSWORD })).vault.lock();
      const passwordFile = join(dir, 'pw.txt');
      writeFileSync(passwordFile, `${TEST_PASSWORD}\n`);
      const keyslots = join(path, 'keyslots.json');
      const file = JSON.parse(readFileSync(keyslots, 'utf8')) as KeySlotsFile;
      edit(file.slots.find((slot): slot is PasswordSlot => slot.type === 'password')!);
      writeFileSync(keyslots, JSON.stringify(file, null, 2));

      const outcome = await runCliLimited(
        ['account', 'list', path, '--password-file', passwordFile],
        process.env,
      );
      expectOneSentence(outcome, 6, ALTERED);
    });

    it('the bounds hold the parameters the app writes', async () => {
      const dir = makeTempDir('tv-keyslot-bounds-');
      const { vault } = await Vault.create(join(dir, 'ok.tokenvault'), { password: TEST_PASSWORD });
      const slot = vault.keySlots().find((candidate) => candidate.type === 'password') as PasswordSlot;
      for (const name of ['memoryKiB', 'iterations', 'parallelism'] as const) {
        expect(slot.kdf[name]).toBeGreaterThanOrEqual(KEYSLOT_KDF_BOUNDS[name].min);
        expect(slot.kdf[name]).toBeLessThanOrEqual(KEYSLOT_KDF_BOUNDS[name].max);
      }
      vault.lock();
      (await Vault.open(join(dir, 'ok.tokenvault'), { password: TEST_PASSWORD })).lock();
    });
  },
);
