import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateTokenValue } from '../../src/main/core/crypto/token-generator';
import { Vault } from '../../src/main/core/vault/vault';
import { ensureCliBuilt, runCli, type CliResult } from '../helpers/run-cli';
import { TEST_PASSWORD } from '../helpers/vault-fixture';

// One admin vault and one agency vault for the file: each CLI run derives a key, keep their number modest.
// Each test runs 10 to 20 CLI processes: on a loaded machine that is minutes, hence the explicit timeouts.
let work: string;
let admin: string;
let agencyVault: string;
let env: Record<string, string>;
let values: string[];
let ids: string[];
let agencyKey: { keyFile: string; publicKey: string };

const cli = (args: string[]) => runCli(args, { env });
const file = (name: string) => join(work, name);
const printed = (result: CliResult, secrets: string[]) =>
  secrets.filter((secret) => result.stdout.includes(secret) || result.stderr.includes(secret));

function ageKeygen(name: string): { keyFile: string; publicKey: string } {
  const keyFile = file(name);
  expect(spawnSync('age-keygen', ['-o', keyFile]).status).toBe(0);
  return { keyFile, publicKey: /age1[0-9a-z]+/.exec(readFileSync(keyFile, 'utf8'))![0] };
}

beforeAll(async () => {
  ensureCliBuilt();
  work = mkdtempSync(join(tmpdir(), 'tokenvault-age-cli-'));
  writeFileSync(file('master.txt'), `${TEST_PASSWORD}\n`);
  env = { TOKENVAULT_PASSWORD_FILE: file('master.txt') };
  admin = file('admin.tokenvault');
  const { vault } = await Vault.create(admin, { password: TEST_PASSWORD, operator: 'Olivia' });
  const account = vault.accounts.create({ name: 'EN main', profile: 'generic' });
  values = [generateTokenValue(), generateTokenValue()];
  ids = values.map((value, n) =>
    String(vault.tokens.create({ accountId: account.id, name: `Sync ${n}`, value }).id),
  );
  vault.recipients.create({ name: 'Acme Agency' });
  vault.recipients.create({ name: 'Keyless Ltd' });
  vault.lock();
  agencyVault = file('agency.tokenvault');
  const { vault: agency } = await Vault.create(agencyVault, { password: TEST_PASSWORD, operator: 'Agency' });
  agency.accounts.create({ name: 'From client', profile: 'generic' });
  agency.lock();
  agencyKey = ageKeygen('agency-key.txt');
}, 120_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('tokenvault recipient key', () => {
  it('add (fingerprint, phone sentence), replace, list with history, remove; a bad key exits 2 with a sentence', async () => {
    const bad = await cli([
      'recipient',
      'key',
      'add',
      admin,
      'Acme Agency',
      '--age',
      agencyKey.publicKey.slice(0, -1),
    ]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^tokenvault: An age public key is "age1" followed by 58/);
    const other = ageKeygen('other-key.txt');
    const first = await cli([
      'recipient',
      'key',
      'add',
      admin,
      'Acme Agency',
      '--age',
      other.publicKey,
      '--json',
    ]);
    expect(first.code).toBe(0);
    const added = JSON.parse(first.stdout);
    expect(added).toMatchObject({
      recipient: 'Acme Agency',
      replaced: null,
      key: { publicKey: other.publicKey },
    });
    expect(added.key.fingerprint).toMatch(/^[0-9A-F]{4}( [0-9A-F]{4}){4}$/);
    // The fingerprint is what sha256sum prints for the key's text, first 20 hex digits: the agency can check it.
    const sum = spawnSync('sha256sum', [], { input: other.publicKey }).stdout.toString().slice(0, 20);
    expect(added.key.fingerprint.replace(/ /g, '')).toBe(sum.toUpperCase());
    // And the exact command docs/handoff-format.md gives the agency prints the same.
    const documented = spawnSync('sh', [
      '-c',
      `printf '%s' ${other.publicKey} | sha256sum | cut -c1-20 | tr a-f A-F | sed 's/..../& /g; s/ $//'`,
    ]);
    expect(documented.stdout.toString()).toBe(`${added.key.fingerprint}\n`);

    const second = await cli(['recipient', 'key', 'add', admin, 'acme agency', '--age', agencyKey.publicKey]);
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/^Replaced the age key of Acme Agency\. Fingerprint: [0-9A-F ]{24}\n/);
    expect(second.stdout).toContain(
      `The previous key (${added.key.fingerprint}) is kept on record, retired.`,
    );
    expect(second.stderr).toMatch(
      /Confirm this fingerprint with the agency by phone before the first handoff/,
    );

    const listed = JSON.parse(
      (await cli(['recipient', 'key', 'list', admin, 'Acme Agency', '--json'])).stdout,
    );
    expect(
      listed.map((k: { publicKey: string; retiredHow: string | null }) => [k.publicKey, k.retiredHow]),
    ).toEqual([
      [agencyKey.publicKey, null],
      [other.publicKey, 'replaced'],
    ]);
    const table = await cli(['recipient', 'key', 'list', admin, 'Acme Agency']);
    expect(table.stdout.split('\n')[0]).toMatch(/^STATE +FINGERPRINT +ADDED +RETIRED +KEY$/);

    expect(
      (await cli(['recipient', 'key', 'add', admin, 'Keyless Ltd', '--age', other.publicKey])).code,
    ).toBe(0);
    const removed = await cli(['recipient', 'key', 'remove', admin, 'Keyless Ltd']);
    expect(removed.code).toBe(0);
    expect(removed.stdout).toMatch(/^Removed the age key of Keyless Ltd \(/);
    expect(
      (await cli(['recipient', 'key', 'add', admin, 'Keyless Ltd', '--age', other.publicKey])).code,
    ).toBe(0);
    const removedJson = await cli(['recipient', 'key', 'remove', admin, 'Keyless Ltd', '--json']);
    expect(removedJson.code).toBe(0);
    expect(JSON.parse(removedJson.stdout)).toMatchObject({
      removed: { publicKey: other.publicKey, retiredHow: 'removed' },
    });
    const again = await cli(['recipient', 'key', 'remove', admin, 'Keyless Ltd']);
    expect(again.code).toBe(4);
    expect(again.stderr).toBe('tokenvault: Keyless Ltd has no age key to remove.\n');
    const history = JSON.parse((await cli(['token', 'history', admin, ids[0]!, '--json'])).stdout);
    expect(history).toEqual([expect.objectContaining({ kind: 'Created' })]);
  }, 300_000);
});

describe('tokenvault handoff export to an age key, and open', () => {
  it('exports to the key by default; Debian age decrypts it; --armor too; --zip still makes a password ZIP', async () => {
    const bundle = file('acme.age');
    const exported = await cli([
      'handoff',
      'export',
      admin,
      '--recipient',
      'Acme Agency',
      '--token',
      ids[0]!,
      '--token',
      ids[1]!,
      '--out',
      bundle,
    ]);
    expect(exported.code).toBe(0);
    expect(exported.stdout).toMatch(
      /^Wrote acme\.age for Acme Agency: 2 token\(s\), SHA-256 [0-9a-f]{64}\.\n$/,
    );
    expect(exported.stderr).toMatch(
      /Encrypted to Acme Agency's age key \(fingerprint [0-9A-F ]+\): there is no password to send/,
    );
    expect(exported.stderr).toContain('age -d -i key.txt acme.age > tokens.zip');
    expect(printed(exported, values)).toEqual([]);
    expect(statSync(bundle).mode & 0o777).toBe(0o600);
    const zip = file('acme.zip');
    const decrypted = spawnSync('age', ['-d', '-i', agencyKey.keyFile, '-o', zip, bundle]);
    expect(decrypted.stderr.toString()).toBe('');
    expect(spawnSync('7zz', ['t', zip]).status).toBe(0);

    const armored = file('acme-armored.age');
    const armoredRun = await cli([
      'handoff',
      'export',
      admin,
      '--recipient',
      'Acme Agency',
      '--token',
      ids[0]!,
      '--out',
      armored,
      '--armor',
    ]);
    expect(armoredRun.code).toBe(0);
    expect(readFileSync(armored, 'utf8')).toMatch(/^-----BEGIN AGE ENCRYPTED FILE-----\n/);
    const fromArmor = spawnSync('age', ['-d', '-i', agencyKey.keyFile, armored]);
    expect(fromArmor.status).toBe(0);

    const refused = await cli([
      'handoff',
      'export',
      admin,
      '--recipient',
      'Acme Agency',
      '--token',
      ids[0]!,
      '--out',
      file('x.zip'),
      '--channel',
      'sms',
    ]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(
      /has an age key, so the bundle is encrypted to it and needs no password; add --zip/,
    );
    const zipped = await cli([
      'handoff',
      'export',
      admin,
      '--recipient',
      'Acme Agency',
      '--token',
      ids[0]!,
      '--out',
      file('forced.zip'),
      '--zip',
      '--channel',
      'sms',
    ]);
    expect(zipped.code).toBe(0);
    expect(zipped.stderr).toMatch(/Bundle password \(\d+ bits\)/);
    const noKey = await cli([
      'handoff',
      'export',
      admin,
      '--recipient',
      'Keyless Ltd',
      '--token',
      ids[0]!,
      '--out',
      file('nokey.age'),
      '--to-key',
    ]);
    expect(noKey.code).toBe(5);
    expect(noKey.stderr).toMatch(/Keyless Ltd has no age key; add theirs first/);
    expect(existsSync(file('nokey.age'))).toBe(false);
    expect(
      (
        await cli([
          'handoff',
          'export',
          admin,
          '--recipient',
          'Acme Agency',
          '--token',
          ids[0]!,
          '--out',
          file('y'),
          '--zip',
          '--to-key',
        ])
      ).code,
    ).toBe(2);

    const list = JSON.parse((await cli(['handoff', 'list', admin, '--json'])).stdout);
    expect(
      list.map((h: { format: string; passwordChannel: string }) => [h.format, h.passwordChannel]),
    ).toEqual([
      ['aes-zip', 'sms'],
      ['age-armor', 'none'],
      ['age', 'none'],
    ]);
    expect(list[2].keyFingerprint).toMatch(/^[0-9A-F]{4}( [0-9A-F]{4}){4}$/);
    expect(list[0].keyFingerprint).toBeNull();

    // The agency opens it with its age-keygen file, and imports it.
    const shown = await cli(['handoff', 'open', bundle, '--identity-file', agencyKey.keyFile, '--json']);
    expect(shown.code).toBe(0);
    expect(JSON.parse(shown.stdout).tokens.map((t: { name: string }) => t.name)).toEqual([
      'Sync 0',
      'Sync 1',
    ]);
    expect(printed(shown, values)).toEqual([]);
    const imported = await cli([
      'handoff',
      'open',
      armored,
      '--identity-file',
      agencyKey.keyFile,
      '--import-into',
      agencyVault,
      '--account',
      'From client',
    ]);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toBe('1\n');
  }, 300_000);

  it('identity create / show; open what age -r encrypted to it; wrong key exit 3, tampered exit 6, nothing written', async () => {
    const created = await cli(['identity', 'create', agencyVault]);
    expect(created.code).toBe(0);
    expect(created.stdout).toMatch(/^age1[0-9a-z]{58}\n$/);
    expect(created.stderr).toMatch(/The secret key stays in the vault/);
    expect(created.stdout + created.stderr).not.toMatch(/AGE-SECRET-KEY/);
    const publicKey = created.stdout.trim();
    expect((await cli(['identity', 'show', agencyVault])).stdout).toBe(`${publicKey}\n`);
    expect(JSON.parse((await cli(['identity', 'show', agencyVault, '--json'])).stdout)).toMatchObject({
      publicKey,
    });
    const twice = await cli(['identity', 'create', agencyVault]);
    expect(twice.code).toBe(1);
    expect(twice.stderr).toMatch(/already has an age key for receiving/);
    const none = await cli(['identity', 'show', admin]);
    expect(none.code).toBe(4);
    const third = file('third.tokenvault');
    (await Vault.create(third, { password: TEST_PASSWORD })).vault.lock();
    const createdJson = await cli(['identity', 'create', third, '--json']);
    expect(createdJson.code).toBe(0);
    expect(JSON.parse(createdJson.stdout)).toEqual({
      publicKey: expect.stringMatching(/^age1[0-9a-z]{58}$/),
      fingerprint: expect.any(String),
      createdAt: expect.any(String),
    });

    // A bundle the client made with Token Vault, decrypted by the agency's age-keygen key, re-encrypted with age -r.
    const plain = file('acme.zip');
    const viaAge = file('via-age.age');
    expect(spawnSync('age', ['-r', publicKey, '-o', viaAge, plain]).status).toBe(0);
    const opened = await cli([
      'handoff',
      'open',
      viaAge,
      '--identity-vault',
      agencyVault,
      '--import-into',
      agencyVault,
      '--account',
      'From client',
    ]);
    expect(opened.stderr).toBe('');
    expect(opened.code).toBe(0);
    expect(opened.stdout).toBe('2\n');

    const before = readdirSync(work).sort();
    const wrong = await cli(['handoff', 'open', file('acme.age'), '--identity-vault', agencyVault]);
    expect(wrong.code).toBe(3);
    expect(wrong.stderr).toMatch(/^tokenvault: This bundle was not encrypted to this key/);
    const tampered = readFileSync(viaAge);
    tampered[tampered.length - 5] = tampered[tampered.length - 5]! ^ 0x04;
    writeFileSync(file('tampered.age'), tampered);
    const altered = await cli([
      'handoff',
      'open',
      file('tampered.age'),
      '--identity-vault',
      agencyVault,
      '--import-into',
      agencyVault,
      '--account',
      'From client',
    ]);
    expect(altered.code).toBe(6);
    expect(altered.stderr).toMatch(/damaged or was altered after it was made/);
    expect(altered.stdout).toBe('');
    expect(readdirSync(work).sort()).toEqual([...before, 'tampered.age'].sort());
    const count = JSON.parse((await cli(['token', 'list', agencyVault, '--json'])).stdout).length;
    expect(count).toBe(3);

    const neither = await cli(['handoff', 'open', viaAge]);
    expect(neither.code).toBe(2);
    expect(neither.stderr).toMatch(
      /^tokenvault: This is an age-encrypted bundle, which has no password: .*--identity-vault VAULT or --identity-file F/,
    );
    writeFileSync(file('not-a-key.txt'), 'AGE-SECRET-KEY-1 something secret\n');
    const badIdentity = await cli(['handoff', 'open', viaAge, '--identity-file', file('not-a-key.txt')]);
    expect(badIdentity.code).toBe(2);
    expect(badIdentity.stderr).toMatch(/Line 1 of the identity file is not an age X25519 secret key/);
    expect(badIdentity.stderr).not.toMatch(/something secret/);
    const zipWithIdentity = await cli([
      'handoff',
      'open',
      file('forced.zip'),
      '--identity-file',
      agencyKey.keyFile,
    ]);
    expect(zipWithIdentity.code).toBe(2);
    expect(zipWithIdentity.stderr).toMatch(/This is a password-protected ZIP bundle, not an age file/);
  }, 300_000);
});
