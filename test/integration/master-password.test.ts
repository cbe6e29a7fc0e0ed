import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { normalisePassword as coreNormalise } from '../../src/main/core/password-policy';
import { Vault } from '../../src/main/core/vault/vault';
import { assessPassword, normalisePassword as sharedNormalise } from '../../src/shared/password-strength';
import { makeTempDir } from '../helpers/temp-dir';
import { createTestVault, TEST_PASSWORD } from '../helpers/vault-fixture';

function newVaultPath(): string {
  return join(makeTempDir(), 'policy.tokenvault');
}

async function refusal(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    return error as { code: string; message: string };
  }
  throw new Error('expected a refusal');
}

describe('master password policy', () => {
  it('refuses a short password with WEAK_PASSWORD, says why, and creates nothing', async () => {
    const dir = newVaultPath();
    const error = await refusal(Vault.create(dir, { password: 'Tr0ub4dor&3' }));
    expect(error.code).toBe('WEAK_PASSWORD');
    expect(error.message).toMatch(/11 characters and needs at least 12/);
    expect(existsSync(dir)).toBe(false);
  });

  it.each(['passwordpassword', 'qwertyuiop123456', 'aaaaaaaaaaaaaaaaaaaa', 'Summer2024Summer2024'])(
    'refuses the long but guessable %s with zxcvbn advice',
    async (password) => {
      const dir = newVaultPath();
      const assessment = assessPassword(password);
      expect(assessment.score).toBeLessThan(3);
      const error = await refusal(Vault.create(dir, { password }));
      expect(error.code).toBe('WEAK_PASSWORD');
      expect(error.message).toMatch(/strength is [0-2]\/4 and needs at least 3\/4/);
      // zxcvbn's own feedback travels in the message.
      for (const advice of [assessment.warning, ...assessment.suggestions].filter(Boolean)) {
        expect(error.message).toContain(advice);
      }
      expect(existsSync(dir)).toBe(false);
    },
  );

  it('refuses a password built from the operator name or the vault folder name', async () => {
    // Strong enough on their own; weak once zxcvbn knows the operator and the folder name.
    const byOperator = 'MargaretheVanderbilt!';
    const byFolder = 'quartermaster-lighthouse.tokenvault';
    expect(assessPassword(byOperator).acceptable).toBe(true);
    expect(assessPassword(byFolder).acceptable).toBe(true);
    const operatorError = await refusal(
      Vault.create(newVaultPath(), { password: byOperator, operator: 'margarethevanderbilt' }),
    );
    expect(operatorError.code).toBe('WEAK_PASSWORD');
    const folderError = await refusal(
      Vault.create(join(makeTempDir(), 'quartermaster-lighthouse.tokenvault'), { password: byFolder }),
    );
    expect(folderError.code).toBe('WEAK_PASSWORD');
  });

  it('refuses a weak new password on change and leaves keyslots.json as it was', async () => {
    const { dir, vault } = await createTestVault();
    const before = readFileSync(join(dir, 'keyslots.json'));
    const error = await refusal(vault.changePassword('password1234'));
    expect(error.code).toBe('WEAK_PASSWORD');
    expect(readFileSync(join(dir, 'keyslots.json'))).toEqual(before);
    vault.lock();
    (await Vault.open(dir, { password: TEST_PASSWORD })).lock();
  });
});

describe('NFKC normalisation of the master password', () => {
  // "Crème brûlée à la façade" in NFC (precomposed letters) and NFD (letter + combining accent), and with the
  // compatibility ligature "ﬁ" and full-width digits, which NFKC folds to "fi" and ASCII digits.
  const composed = 'Crème brûlée à la façade fi 2024'.normalize('NFC');
  const decomposed = composed.normalize('NFD');
  const compatibility = 'Crème brûlée à la façade ﬁ ２０２４'.normalize('NFC');

  it('the forms differ as typed but agree once normalised, in core and in shared alike', () => {
    expect(decomposed).not.toBe(composed);
    expect(Buffer.from(decomposed, 'utf8').equals(Buffer.from(composed, 'utf8'))).toBe(false);
    expect(compatibility).not.toBe(composed);
    for (const form of [composed, decomposed, compatibility]) {
      expect(coreNormalise(form)).toBe(composed.normalize('NFKC'));
      expect(sharedNormalise(form)).toBe(coreNormalise(form));
    }
  });

  it('a password typed in another normalisation form unlocks the vault', async () => {
    const dir = newVaultPath();
    const { vault } = await Vault.create(dir, { password: composed });
    vault.lock();
    for (const form of [decomposed, compatibility, composed]) {
      const reopened = await Vault.open(dir, { password: form });
      reopened.lock();
    }
    await expect(Vault.open(dir, { password: composed.replace('è', 'e') })).rejects.toMatchObject({
      code: 'WRONG_PASSWORD',
    });
  });

  it('after a change to a decomposed password, the composed form unlocks', async () => {
    const { dir, vault } = await createTestVault();
    await vault.changePassword(decomposed);
    vault.lock();
    (await Vault.open(dir, { password: composed })).lock();
    await expect(Vault.open(dir, { password: TEST_PASSWORD })).rejects.toMatchObject({
      code: 'WRONG_PASSWORD',
    });
  });
});
