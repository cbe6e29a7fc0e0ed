import { afterEach, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createDispatcher } from '../../src/main/ipc/dispatcher';
import { SessionController } from '../../src/main/session/session-controller';
import { MemoryPlatform } from '../helpers/memory-platform';
import { makeTempDir } from '../helpers/temp-dir';

let session: SessionController | undefined;
afterEach(() => session?.lock());

describe('Open bundle: which key a picked file needs comes from its content, not its name', () => {
  it('an age file named .zip is age; a ZIP named .age is zip; a folder or a missing file is not known yet', async () => {
    const dir = makeTempDir();
    const platform = new MemoryPlatform();
    session = new SessionController({ userDataDir: join(dir, 'user-data'), platform });
    const dispatch = createDispatcher(session);
    execFileSync('age-keygen', ['-o', join(dir, 'key.txt')], { stdio: 'ignore' });
    const recipient = execFileSync('age-keygen', ['-y', join(dir, 'key.txt')])
      .toString()
      .trim();
    writeFileSync(join(dir, 'plain.txt'), 'not a secret\n');
    execFileSync('age', ['-r', recipient, '-o', join(dir, 'renamed.zip'), join(dir, 'plain.txt')]);
    execFileSync('age', ['-a', '-r', recipient, '-o', join(dir, 'armored.txt'), join(dir, 'plain.txt')]);
    execFileSync(
      '7zz',
      ['a', '-tzip', '-pvioletharbourquartz', join(dir, 'named.age'), join(dir, 'plain.txt')],
      {
        stdio: 'ignore',
      },
    );
    mkdirSync(join(dir, 'folder.age'));
    const kindOf = async (name: string) => {
      platform.openFileAnswer = join(dir, name);
      const picked = await dispatch('chooseBundleToOpen', {});
      if (!picked.ok) throw new Error(picked.error.message);
      return (picked.value as { kind: string | null }).kind;
    };
    expect(await kindOf('renamed.zip')).toBe('age');
    expect(await kindOf('armored.txt')).toBe('age');
    expect(await kindOf('named.age')).toBe('zip');
    expect(await kindOf('folder.age')).toBeNull();
    expect(await kindOf('missing.age')).toBeNull();
  });
});
