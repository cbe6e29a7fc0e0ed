import { beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { keychainItemCount, secretServiceReachable } from '../helpers/secret-service';
import { ensureCliBuilt, runCli } from '../helpers/run-cli';
import { skipUnless } from '../helpers/skip-or-fail';
import { makeTempDir } from '../helpers/temp-dir';
import { TEST_PASSWORD } from '../helpers/vault-fixture';

beforeAll(() => ensureCliBuilt(), 120_000);
const reachable = !skipUnless(
  await secretServiceReachable(),
  'no Secret Service on this session bus (npm test provides one under dbus-run-session)',
);

async function vaultWithPasswordFile() {
  const dir = makeTempDir();
  const passwordFile = join(dir, 'pw.txt');
  writeFileSync(passwordFile, `${TEST_PASSWORD}\n`);
  const vault = join(dir, 'k.tokenvault');
  expect((await runCli(['init', vault, '--password-file', passwordFile])).code).toBe(0);
  expect(
    (await runCli(['account', 'add', vault, '--name', 'Main', '--password-file', passwordFile])).code,
  ).toBe(0);
  return { vault, passwordFile };
}

const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

describe('tokenvault keychain', () => {
  it.skipIf(!reachable)(
    'enable -> --keychain unlocks without a password -> disable removes the entry',
    async () => {
      const { vault, passwordFile } = await vaultWithPasswordFile();
      expect((await runCli(['keychain', 'enable', vault, '--password-file', passwordFile])).code).toBe(0);
      const vaultId = JSON.parse(readFileSync(join(vault, 'keyslots.json'), 'utf8')).vaultId as string;
      expect(keychainItemCount('Token Vault', vaultId)).toBe(1);
      // Enabling again keeps the working key and slot: keyslots.json does not change.
      const enabled = sha(join(vault, 'keyslots.json'));
      expect((await runCli(['keychain', 'enable', vault, '--keychain'])).code).toBe(0);
      expect(sha(join(vault, 'keyslots.json'))).toBe(enabled);
      expect(keychainItemCount('Token Vault', vaultId)).toBe(1);
      expect((await runCli(['keychain', 'status', vault, '--json'])).stdout).toContain('"enabled"');
      const listed = await runCli(['account', 'list', vault, '--keychain', '--json'], {
        env: { TOKENVAULT_PASSWORD_FILE: undefined },
      });
      expect(listed.code).toBe(0);
      expect(JSON.parse(listed.stdout)[0].name).toBe('Main');
      expect((await runCli(['keychain', 'disable', vault, '--keychain'])).code).toBe(0);
      expect(keychainItemCount('Token Vault', vaultId)).toBe(0);
      expect((await runCli(['keychain', 'status', vault])).stdout).toMatch(/off/);
    },
  );

  it.skipIf(!reachable)(
    'an enabled vault while the Secret Service is unreachable: --keychain, status and disable say so; nothing changes',
    async () => {
      const { vault, passwordFile } = await vaultWithPasswordFile();
      expect((await runCli(['keychain', 'enable', vault, '--password-file', passwordFile])).code).toBe(0);
      const vaultId = JSON.parse(readFileSync(join(vault, 'keyslots.json'), 'utf8')).vaultId as string;
      const before = sha(join(vault, 'keyslots.json'));
      const noBus = { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/token-vault-test-bus' };

      const viaKeychain = await runCli(['account', 'list', vault, '--keychain'], { env: noBus });
      expect(viaKeychain.code).toBe(1);
      expect(viaKeychain.stderr).toBe(
        'tokenvault: The system keychain is not reachable (no Secret Service is running, or it is locked); unlock with the master password instead.\n',
      );
      const status = await runCli(['keychain', 'status', vault], { env: noBus });
      expect(status.code).toBe(0);
      expect(status.stdout).toMatch(
        /no system keychain is reachable right now; the master password still works/,
      );
      const disable = await runCli(['keychain', 'disable', vault, '--password-file', passwordFile], {
        env: noBus,
      });
      expect(disable.code).toBe(1);
      expect(disable.stderr).toMatch(/^tokenvault: The system keychain is not reachable/);
      expect(sha(join(vault, 'keyslots.json'))).toBe(before);
      expect(existsSync(join(vault, 'unlock-attempts.json'))).toBe(false);
      expect(
        (await runCli(['account', 'list', vault, '--password-file', passwordFile], { env: noBus })).code,
      ).toBe(0);

      // Back on the bus the entry is still there and still opens the vault.
      expect(keychainItemCount('Token Vault', vaultId)).toBe(1);
      expect((await runCli(['account', 'list', vault, '--keychain'])).code).toBe(0);
      expect((await runCli(['keychain', 'disable', vault, '--keychain'])).code).toBe(0);
      expect(keychainItemCount('Token Vault', vaultId)).toBe(0);
    },
  );

  it('without a Secret Service: one clear sentence, nothing changes, the password still works', async () => {
    const { vault, passwordFile } = await vaultWithPasswordFile();
    const before = sha(join(vault, 'keyslots.json'));
    const noBus = { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/token-vault-test-bus' };
    const enable = await runCli(['keychain', 'enable', vault, '--password-file', passwordFile], {
      env: noBus,
    });
    expect(enable.code).toBe(1);
    expect(enable.stderr).toMatch(/system keychain is not reachable/);
    expect(enable.stderr.trim().split('\n')).toHaveLength(1);
    expect(sha(join(vault, 'keyslots.json'))).toBe(before);
    expect(
      (await runCli(['account', 'list', vault, '--password-file', passwordFile], { env: noBus })).code,
    ).toBe(0);
  });
});
