import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { MemoryPlatform } from '../helpers/memory-platform';
import { SessionController } from '../../src/main/session/session-controller';
import { generateTokenValue } from '../../src/main/core/crypto/token-generator';
import { makeTempDir } from '../helpers/temp-dir';
import { TEST_PASSWORD } from '../helpers/vault-fixture';

/** A desktop whose clipboard answers slowly, as a real one may: reading it takes a few event-loop turns. */
class SlowClipboard extends MemoryPlatform {
  override async readClipboard(): Promise<string> {
    await new Promise((resolve) => setTimeout(resolve, 50));
    return this.clipboard;
  }
}

async function sessionWithCopiedToken(platform: MemoryPlatform) {
  const dir = makeTempDir();
  const session = new SessionController({ userDataDir: join(dir, 'ud'), platform });
  await session.createVault({ path: join(dir, 'q.tokenvault'), password: TEST_PASSWORD, operator: 'op' });
  const account = session.requireVault().accounts.create({ name: 'Main' });
  const secret = generateTokenValue();
  const token = session.requireVault().tokens.create({ accountId: account.id, name: 'T', value: secret });
  await session.copyToken(token.id);
  expect(platform.clipboard === secret).toBe(true);
  return { session, secret };
}

describe('quitting the app with a copied secret on the clipboard', () => {
  it('shutdown() returns only once the secret is off the clipboard, even after the window already locked', async () => {
    const platform = new SlowClipboard();
    const { session } = await sessionWithCopiedToken(platform);
    // The window's 'closed' handler locks first (which starts the clearing); then the app's quit waits on shutdown.
    session.lock('quit');
    await session.shutdown();
    expect(platform.clipboard).toBe('');
    expect(session.getSession().state).toBe('locked');
  });

  it('shutdown() with the vault still open locks it and clears the clipboard', async () => {
    const platform = new SlowClipboard();
    const { session } = await sessionWithCopiedToken(platform);
    const reasons: string[] = [];
    session.onLocked((reason) => reasons.push(reason));
    await session.shutdown();
    expect(platform.clipboard).toBe('');
    expect(reasons).toEqual(['quit']);
  });

  it('shutdown() leaves alone what the user copied since', async () => {
    const platform = new SlowClipboard();
    const { session } = await sessionWithCopiedToken(platform);
    platform.clipboard = 'the user copied this later';
    await session.shutdown();
    expect(platform.clipboard).toBe('the user copied this later');
  });

  it('a clipboard that fails to answer does not make shutdown() fail', async () => {
    const platform = new (class extends MemoryPlatform {
      override async readClipboard(): Promise<string> {
        throw new Error('clipboard unavailable');
      }
    })();
    const { session } = await sessionWithCopiedToken(platform);
    await expect(session.shutdown()).resolves.toBeUndefined();
    expect(session.getSession().state).toBe('locked');
  });
});
