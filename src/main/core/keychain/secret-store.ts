import { VaultError } from '../../../shared/errors';

/** The OS keychain as core sees it: a small interface, so a missing Secret Service is an error, not a crash. */
export interface SecretStore {
  get(service: string, account: string): Promise<string | null>;
  set(service: string, account: string, secret: string): Promise<void>;
  delete(service: string, account: string): Promise<boolean>;
}

export const KEYCHAIN_SERVICE = 'Token Vault';

const UNAVAILABLE =
  'The system keychain is not reachable (no Secret Service is running, or it is locked); unlock with the master password instead.';

function unavailable(error: unknown): VaultError {
  return new VaultError('KEYCHAIN_UNAVAILABLE', UNAVAILABLE, { cause: error });
}

type Keytar = typeof import('keytar');

/** keytar (libsecret / Keychain / Credential Manager), loaded on first use so processes that never need it skip it. */
export function systemSecretStore(): SecretStore {
  let keytar: Promise<Keytar> | undefined;
  const load = async (): Promise<Keytar> => {
    keytar ??= import('keytar').then(
      (module) => ((module as { default?: Keytar }).default ?? module) as Keytar,
    );
    try {
      return await keytar;
    } catch (error) {
      throw unavailable(error);
    }
  };
  const guard = async <T>(run: (k: Keytar) => Promise<T>): Promise<T> => {
    const k = await load();
    try {
      return await run(k);
    } catch (error) {
      throw unavailable(error);
    }
  };
  return {
    get: (service, account) => guard((k) => k.getPassword(service, account)),
    set: (service, account, secret) => guard((k) => k.setPassword(service, account, secret)),
    delete: (service, account) => guard((k) => k.deletePassword(service, account)),
  };
}
