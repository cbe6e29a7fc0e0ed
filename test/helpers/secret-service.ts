import { spawnSync } from 'node:child_process';
import { systemSecretStore } from '../../src/main/core/keychain/secret-store';

/** True when a Secret Service answers (npm test runs one under dbus-run-session); keychain tests skip otherwise. */
export async function secretServiceReachable(): Promise<boolean> {
  const store = systemSecretStore();
  try {
    await store.set('Token Vault test probe', 'probe', 'probe');
    await store.delete('Token Vault test probe', 'probe');
    return true;
  } catch {
    return false;
  }
}

/** How many keychain items carry service=<service>, counted from secret-tool's attribute lines (never its secrets). */
export function keychainItemCount(service: string, account: string): number {
  const result = spawnSync('secret-tool', ['search', '--all', 'service', service, 'account', account], {
    encoding: 'utf8',
  });
  const text = `${result.stdout ?? ''}\n${result.stderr ?? ''}`;
  return text.split('\n').filter((line) => /^attribute\.account = /.test(line.trim())).length;
}
