import { join } from 'node:path';
import { Vault } from '../../src/main/core/vault/vault';
import { makeTempDir } from './temp-dir';

/** A passphrase that satisfies the master password policy (length >= 12, zxcvbn >= 3). Test-only. */
export const TEST_PASSWORD = 'correct horse battery staple orbit';

export async function createTestVault(options: { operator?: string } = {}) {
  const dir = join(makeTempDir(), 'test.tokenvault');
  const { vault, recoveryKey } = await Vault.create(dir, {
    password: TEST_PASSWORD,
    operator: options.operator ?? 'tester',
  });
  return { dir, vault, recoveryKey };
}
