import type { SecretStore } from '../../src/main/core/keychain/secret-store';

/**
 * An OS keychain kept in memory, for tests about something else than the keychain (the history of a keychain
 * change). The keychain itself is tested against a real gnome-keyring in test/integration/keychain.test.ts.
 */
export function memorySecretStore(): SecretStore {
  const entries = new Map<string, string>();
  const key = (service: string, account: string) => `${service}\u0000${account}`;
  return {
    get: async (service, account) => entries.get(key(service, account)) ?? null,
    set: async (service, account, secret) => void entries.set(key(service, account), secret),
    delete: async (service, account) => entries.delete(key(service, account)),
  };
}
