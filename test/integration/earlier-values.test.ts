import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { exportHandoff } from '../../src/main/core/handoff/handoff-service';
import { generateBundlePassword } from '../../src/main/core/handoff/bundle-password';
import { RecipientStore } from '../../src/main/core/recipients/recipient-store';
import { makeTempDir } from '../helpers/temp-dir';
import { VaultError } from '../../src/shared/errors';
import { generateTokenValue } from '../../src/main/core/crypto/token-generator';
import { EarlierValues } from '../../src/main/core/tokens/earlier-values';
import type { Vault } from '../../src/main/core/vault/vault';
import { createTestVault } from '../helpers/vault-fixture';

let open: Vault | undefined;
afterEach(() => open?.lock());

async function regeneratedToken() {
  const { vault } = await createTestVault();
  open = vault;
  const account = vault.accounts.create({ name: 'Own API' });
  const first = generateTokenValue({ length: 32 });
  const token = vault.tokens.create({ accountId: account.id, name: 'Payments', value: first });
  vault.lifecycle.regenerate(token.id);
  const earlier = new EarlierValues({
    db: vault.db,
    tokens: vault.tokens,
    events: vault.events,
    usageOf: (id) => vault.lifecycle.usage(id),
  });
  return { vault, token, first, earlier };
}

describe('earlier values kept by Regenerate, on a real vault', () => {
  it('lists them without values, reveals one with a Revealed event, restores it with a Regenerated event', async () => {
    const { vault, token, first, earlier } = await regeneratedToken();
    const second = vault.tokens.reveal(token.id, 'export');
    const listed = earlier.list(token.id);
    expect(listed).toHaveLength(1);
    expect(JSON.stringify(listed)).not.toContain(first);

    expect(earlier.reveal(token.id, listed[0]!.id)).toBe(first);
    expect(vault.tokens.history(token.id).at(-1)).toMatchObject({ kind: 'Revealed' });

    const restored = earlier.restore(token.id, listed[0]!.id);
    expect(vault.tokens.reveal(token.id, 'export')).toBe(first);
    expect(restored.previousValueCount).toBe(1);
    // The value that was current is kept in turn, so the restore can itself be rolled back.
    const now = earlier.list(token.id);
    expect(earlier.reveal(token.id, now[0]!.id)).toBe(second);
    const restoredEvent = vault.tokens.history(token.id).findLast((event) => event.kind === 'Regenerated');
    expect(restoredEvent?.details).toMatchObject({ restoredFrom: listed[0]!.replacedAt });
    expect(vault.events.verifyChain().problems).toEqual([]);
  });

  it('refuses a value of another token, and a token in use unless confirmed; nothing changes then', async () => {
    const { vault, token, earlier } = await regeneratedToken();
    const other = vault.tokens.create({
      accountId: token.accountId,
      name: 'Other',
      value: generateTokenValue(),
    });
    const valueId = earlier.list(token.id)[0]!.id;
    expect(() => earlier.reveal(other.id, valueId)).toThrow(VaultError);
    const recipients = new RecipientStore(vault.db);
    recipients.create({ name: 'Acme Digital' });
    await exportHandoff(vault, recipients, {
      recipient: 'Acme Digital',
      tokenIds: [token.id],
      fields: ['value'],
      outPath: join(makeTempDir(), 'bundle.zip'),
      password: generateBundlePassword().password,
      channel: 'sms',
    });
    const before = vault.tokens.reveal(token.id, 'export');
    const eventsBefore = vault.tokens.history(token.id).length;
    expect(() => earlier.restore(token.id, valueId)).toThrow(/in use \(handed to Acme Digital/);
    expect(vault.tokens.reveal(token.id, 'export')).toBe(before);
    expect(vault.tokens.history(token.id)).toHaveLength(eventsBefore);
    earlier.restore(token.id, valueId, { force: true });
    expect(vault.tokens.reveal(token.id, 'export')).not.toBe(before);
    expect(vault.tokens.history(token.id).at(-1)?.details).toMatchObject({ forced: true });
  });
});
