import { describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readKeySlots } from '../../src/main/core/vault/keyslots';
import { keySlotsCopyDir } from '../../src/main/core/vault/keyslots-copy';
import { Vault } from '../../src/main/core/vault/vault';
import { createTestVault, TEST_PASSWORD } from '../helpers/vault-fixture';

const NEW_PASSWORD = 'quantum walrus juggles seventeen lanterns';
const primary = (dir: string) => readFileSync(join(dir, 'keyslots.json'), 'utf8');
const copy = (dir: string) => readFileSync(join(keySlotsCopyDir(dir), 'keyslots.json'), 'utf8');

describe('the copy of keyslots.json in backups/', () => {
  it('exists from creation and follows every change, so a changed password stays revoked in the copy too', async () => {
    const { dir, vault } = await createTestVault();
    expect(copy(dir)).toBe(primary(dir));
    await vault.changePassword(NEW_PASSWORD);
    expect(copy(dir)).toBe(primary(dir));
    vault.lock();
    const copied = readKeySlots(keySlotsCopyDir(dir));
    await expect(Vault.unwrapWith(copied, { password: TEST_PASSWORD })).rejects.toMatchObject({
      code: 'WRONG_PASSWORD',
    });
    const key = await Vault.unwrapWith(copied, { password: NEW_PASSWORD });
    key.fill(0);
  });

  it('a copy that cannot be written does not undo or fail the change to keyslots.json itself', async () => {
    const { dir, vault } = await createTestVault();
    rmSync(join(keySlotsCopyDir(dir), 'keyslots.json'));
    // A directory where the copy should go: the rename onto it fails.
    mkdirSync(join(keySlotsCopyDir(dir), 'keyslots.json'));
    writeFileSync(join(keySlotsCopyDir(dir), 'keyslots.json', 'occupied'), 'x');
    await vault.changePassword(NEW_PASSWORD);
    vault.lock();
    const reopened = await Vault.open(dir, { password: NEW_PASSWORD });
    reopened.lock();
    expect(JSON.parse(primary(dir)).slots[0].type).toBe('password');
  });
});
