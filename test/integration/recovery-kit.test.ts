import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateRecoveryKey } from '../../src/main/core/crypto/recovery-key';
import { writeRecoveryKit } from '../../src/main/core/vault/recovery-kit';
import { makeTempDir } from '../helpers/temp-dir';

describe('the emergency kit file', () => {
  it('holds the key and how to use it (0600); a mistyped key or an existing file is refused, nothing written', () => {
    const dir = makeTempDir();
    const { display } = generateRecoveryKey();
    const path = join(dir, 'kit.txt');
    writeRecoveryKit(path, { recoveryKey: display, vaultPath: '/home/a/work.tokenvault' });
    const text = readFileSync(path, 'utf8');
    expect(text).toContain(`Recovery key: ${display}`);
    expect(text).toContain('Vault folder: /home/a/work.tokenvault');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    // A typo in the first group: always caught by the checksum, whatever key was drawn.
    const typo = `${display.startsWith('A') ? 'B' : 'A'}${display.slice(1)}`;
    expect(() => writeRecoveryKit(join(dir, 'typo.txt'), { recoveryKey: typo })).toThrow(/recovery key/);
    expect(existsSync(join(dir, 'typo.txt'))).toBe(false);
    writeFileSync(join(dir, 'taken.txt'), 'mine');
    expect(() => writeRecoveryKit(join(dir, 'taken.txt'), { recoveryKey: display })).toThrow(
      /already exists/,
    );
    expect(readFileSync(join(dir, 'taken.txt'), 'utf8')).toBe('mine');
  });
});
