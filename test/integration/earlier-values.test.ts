import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { VaultError } from '../../src/shared/errors';
import { generateTokenValue } from '../../src/main/core/crypto/token-generator';
import { generateBundlePassword } from '../../src/main/core/handoff/bundle-password';
import type { Vault } from '../../src/main/core/vault/vault';
import { makeTempDir } from '../helpers/temp-dir';
import { createTestVault } from '../helpers/vault-fixture';

let open: Vault | undefined;
afterEach(() => open?.lock());

async function regeneratedToken() {
  const { vault } = await createTestVault();
  open = vault;
  const account = vault.useCases.createAccount({ name: 'Own API' }).result;
  const first = generateTokenValue({ length: 32 });
  const token = vault.useCases.createToken({ accountId: account.id, name: 'Payments', value: first }).result;
  vault.useCases.regenerate(token.id);
  return { vault, token, first };
}

describe('earlier values kept by Regenerate, through the use cases on a real vault', () => {
  it('lists them without values, reveals one with a Revealed event, restores it with a Regenerated event', async () => {
    const { vault, token, first } = await regeneratedToken();
    const second = vault.tokens.reveal(token.id, 'export');
    const listed = vault.useCases.earlierValues(token.id);
    expect(listed).toHaveLength(1);
    expect(JSON.stringify(listed)).not.toContain(first);

    expect(vault.useCases.revealEarlierValue(token.id, listed[0]!.id)).toBe(first);
    expect(vault.tokens.history(token.id).at(-1)).toMatchObject({
      kind: 'Revealed',
      details: { earlierValue: listed[0]!.replacedAt },
    });

    const restored = vault.useCases.restoreEarlierValue(token.id, listed[0]!.id);
    expect(restored.changed).toBe(true);
    expect(vault.tokens.reveal(token.id, 'export')).toBe(first);
    expect(restored.result.previousValueCount).toBe(1);
    // The value that was current is kept in turn, so the restore can itself be rolled back.
    const now = vault.useCases.earlierValues(token.id);
    expect(vault.useCases.revealEarlierValue(token.id, now[0]!.id)).toBe(second);
    const restoredEvent = vault.tokens.history(token.id).findLast((event) => event.kind === 'Regenerated');
    expect(restoredEvent?.details).toMatchObject({ restoredFrom: listed[0]!.replacedAt });
    expect(vault.events.verifyChain().problems).toEqual([]);
  });

  it('refuses a value of another token, and a token in use unless confirmed; nothing changes then', async () => {
    const { vault, token } = await regeneratedToken();
    const other = vault.useCases.createToken({
      accountId: token.accountId,
      name: 'Other',
      value: generateTokenValue(),
    }).result;
    const valueId = vault.useCases.earlierValues(token.id)[0]!.id;
    expect(() => vault.useCases.revealEarlierValue(other.id, valueId)).toThrow(VaultError);
    vault.useCases.addRecipient({ name: 'Acme Digital' });
    await vault.useCases.exportHandoff({
      recipient: 'Acme Digital',
      tokenIds: [token.id],
      fields: ['value'],
      outPath: join(makeTempDir(), 'bundle.zip'),
      password: generateBundlePassword().password,
      channel: 'sms',
    });
    const before = vault.tokens.reveal(token.id, 'export');
    const eventsBefore = vault.tokens.history(token.id).length;
    expect(() => vault.useCases.restoreEarlierValue(token.id, valueId)).toThrow(
      /in use \(handed to Acme Digital/,
    );
    expect(vault.tokens.reveal(token.id, 'export')).toBe(before);
    expect(vault.tokens.history(token.id)).toHaveLength(eventsBefore);
    vault.useCases.restoreEarlierValue(token.id, valueId, { force: true });
    expect(vault.tokens.reveal(token.id, 'export')).not.toBe(before);
    expect(vault.tokens.history(token.id).at(-1)?.details).toMatchObject({ forced: true });
  });
});
