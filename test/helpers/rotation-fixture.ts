import { join } from 'node:path';
import { generateBundlePassword } from '../../src/main/core/handoff/bundle-password';
import type { Vault } from '../../src/main/core/vault/vault';
import { makeTempDir } from './temp-dir';

/** Test-only values: recognisable in any output they must never reach. */
export const ROTATION_VALUES = {
  engagingNetworks: 'EN-private-value-0123456789abcdef',
  on24: 'ON24-secret-value-fedcba9876543210',
  emplifi: 'EMPLIFI-bearer-value-00aa11bb22cc33',
  kept: 'KEPT-generic-value-not-handed-over-99',
};

/**
 * A vault where Acme Agency holds one Engaging Networks private token, one ON24 key and secret, and one Emplifi
 * bearer token (their current values, handed over in a bundle), plus one generic token it was never given.
 */
export async function seedAgencyHoldings(vault: Vault) {
  const en = vault.accounts.create({ name: 'EN main', profile: 'engaging-networks' });
  const on24 = vault.accounts.create({ name: 'ON24 webinars', profile: 'on24' });
  const emplifi = vault.accounts.create({ name: 'Reviews site', profile: 'emplifi' });
  const generic = vault.accounts.create({ name: 'Internal', profile: 'generic' });
  const enToken = vault.tokens.create({
    accountId: en.id,
    name: 'Supporter export',
    kind: 'private',
    assignedTo: 'acme-dev',
    value: ROTATION_VALUES.engagingNetworks,
  });
  const on24Token = vault.tokens.create({
    accountId: on24.id,
    name: 'Salesforce',
    assignedTo: 'producer@acme.test',
    keyId: 'key-123',
    value: ROTATION_VALUES.on24,
  });
  const emplifiToken = vault.tokens.create({
    accountId: emplifi.id,
    name: 'Carousel feed',
    role: 'secondary',
    description: 'Agency building the reviews carousel',
    value: ROTATION_VALUES.emplifi,
  });
  const kept = vault.tokens.create({ accountId: generic.id, name: 'Ops bot', value: ROTATION_VALUES.kept });
  await vault.handoffs.export({
    recipient: vault.recipients.create({ name: 'Acme Agency' }).name,
    tokenIds: [enToken.id, on24Token.id, emplifiToken.id],
    fields: ['value', 'key-id'],
    outPath: join(makeTempDir(), 'acme.zip'),
    password: generateBundlePassword().password,
    channel: 'sms',
  });
  return { enToken, on24Token, emplifiToken, kept };
}
