import { beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateTokenValue } from '../../src/main/core/crypto/token-generator';
import { filesUnder } from '../helpers/plaintext-scan';
import { ensureCliBuilt, runCli } from '../helpers/run-cli';
import { makeTempDir } from '../helpers/temp-dir';
import { TEST_PASSWORD } from '../helpers/vault-fixture';

beforeAll(() => ensureCliBuilt(), 120_000);

describe('tokenvault handoff and recipient', () => {
  it('export -> 7-Zip opens it -> open/--reveal/--json -> wrong password 3 -> flipped bit 6 -> import into another vault', async () => {
    const dir = makeTempDir();
    const passwordFile = join(dir, 'pw.txt');
    writeFileSync(passwordFile, `${TEST_PASSWORD}\n`);
    const env = { TOKENVAULT_PASSWORD_FILE: passwordFile };
    const vault = join(dir, 'admin.tokenvault');
    expect((await runCli(['init', vault], { env })).code).toBe(0);
    expect((await runCli(['account', 'add', vault, '--name', 'EN main'], { env })).code).toBe(0);
    const values = [generateTokenValue(), generateTokenValue()];
    const ids: string[] = [];
    for (const [i, value] of values.entries()) {
      writeFileSync(join(dir, 'v.txt'), `${value}\n`);
      const added = await runCli(
        [
          'token',
          'add',
          vault,
          '--account',
          'EN main',
          '--name',
          `Sync ${i}`,
          '--key-id',
          `key-${i}`,
          '--value-file',
          join(dir, 'v.txt'),
        ],
        { env },
      );
      ids.push(added.stdout.trim());
    }
    expect(
      (
        await runCli(['recipient', 'add', vault, '--name', 'Acme Agency', '--phone', '+44 20 7946 0000'], {
          env,
        })
      ).code,
    ).toBe(0);

    const bundle = join(dir, 'for-acme.zip');
    const pwOut = join(dir, 'bundle-password.txt');
    const exported = await runCli(
      [
        'handoff',
        'export',
        vault,
        '--recipient',
        'Acme Agency',
        '--token',
        ids[0]!,
        '--token',
        ids[1]!,
        '--out',
        bundle,
        '--password-out',
        pwOut,
      ],
      { env },
    );
    expect(exported.code).toBe(0);
    expect(exported.stdout).toMatch(
      /Wrote for-acme\.zip for Acme Agency: 2 token\(s\), SHA-256 [0-9a-f]{64}/,
    );
    expect(statSync(bundle).mode & 0o777).toBe(0o600);
    expect(statSync(pwOut).mode & 0o777).toBe(0o600);
    const bundlePassword = readFileSync(pwOut, 'utf8').trim();
    for (const value of values) {
      expect(exported.stdout.includes(value) || exported.stderr.includes(value)).toBe(false);
      for (const file of filesUnder(vault))
        expect(readFileSync(file).includes(Buffer.from(value))).toBe(false);
    }

    const out = join(dir, 'extracted');
    expect(spawnSync('7zz', ['x', `-p${bundlePassword}`, `-o${out}`, bundle]).status).toBe(0);
    expect(
      JSON.parse(readFileSync(join(out, 'tokens.json'), 'utf8')).tokens.map(
        (t: { value: string }) => t.value,
      ),
    ).toEqual(values);

    const shown = await runCli(['handoff', 'open', bundle, '--bundle-password-file', pwOut, '--json']);
    expect(shown.code).toBe(0);
    expect(values.some((v) => shown.stdout.includes(v))).toBe(false);
    expect(JSON.parse(shown.stdout).tokens.map((t: { keyId: string }) => t.keyId)).toEqual([
      'key-0',
      'key-1',
    ]);
    const revealed = await runCli([
      'handoff',
      'open',
      bundle,
      '--bundle-password-file',
      pwOut,
      '--reveal',
      '--json',
    ]);
    expect(JSON.parse(revealed.stdout).tokens.map((t: { value: string }) => t.value)).toEqual(values);

    writeFileSync(join(dir, 'wrong.txt'), 'wrong-bundle-password-here\n');
    expect(
      (await runCli(['handoff', 'open', bundle, '--bundle-password-file', join(dir, 'wrong.txt')])).code,
    ).toBe(3);
    const bytes = readFileSync(bundle);
    bytes[Math.floor(bytes.length / 3)]! ^= 0x04;
    writeFileSync(join(dir, 'tampered.zip'), bytes);
    const tampered = await runCli([
      'handoff',
      'open',
      join(dir, 'tampered.zip'),
      '--bundle-password-file',
      pwOut,
    ]);
    expect(tampered.code).toBe(6);
    expect(tampered.stderr).toMatch(/damaged or was altered/);
    writeFileSync(join(dir, 'plain.txt'), 'x');
    spawnSync('7zz', ['a', '-tzip', join(dir, 'plain.zip'), join(dir, 'plain.txt')]);
    expect(
      (await runCli(['handoff', 'open', join(dir, 'plain.zip'), '--bundle-password-file', pwOut])).code,
    ).toBe(6);

    const agency = join(dir, 'agency.tokenvault');
    expect((await runCli(['init', agency], { env })).code).toBe(0);
    expect((await runCli(['account', 'add', agency, '--name', 'From client'], { env })).code).toBe(0);
    const imported = await runCli(
      [
        'handoff',
        'open',
        bundle,
        '--bundle-password-file',
        pwOut,
        '--import-into',
        agency,
        '--account',
        'From client',
      ],
      { env },
    );
    expect(imported.code).toBe(0);
    expect(imported.stdout.trim()).toBe('2');
    expect((await runCli(['token', 'reveal', agency, '1'], { env })).stdout.trim() === values[0]).toBe(true);

    const list = JSON.parse((await runCli(['handoff', 'list', vault, '--json'], { env })).stdout);
    expect(list[0]).toMatchObject({
      recipient: 'Acme Agency',
      fileName: 'for-acme.zip',
      passwordChannel: 'sms',
    });
    expect(list[0].tokens.map((t: { name: string }) => t.name)).toEqual(['Sync 0', 'Sync 1']);
    const history = JSON.parse(
      (await runCli(['token', 'history', vault, ids[0]!, '--json'], { env })).stdout,
    );
    expect(history.map((e: { kind: string }) => e.kind)).toEqual(['Created', 'HandedOff']);
    expect(JSON.stringify(history).includes(bundlePassword)).toBe(false);

    const again = await runCli(
      ['handoff', 'export', vault, '--recipient', 'Acme Agency', '--token', ids[0]!, '--out', bundle],
      { env },
    );
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already exists/);
    expect(existsSync(bundle)).toBe(true);
    const deleteRefused = await runCli(['recipient', 'list', vault, '--json'], { env });
    expect(JSON.parse(deleteRefused.stdout)[0].handoffCount).toBe(1);
    const refused = await runCli(['recipient', 'delete', vault, 'Acme Agency'], { env });
    expect(refused.code).toBe(5);
    expect(refused.stderr).toMatch(/stay on record; archive/);

    const holdings = JSON.parse(
      (await runCli(['recipient', 'holdings', vault, 'Acme Agency', '--json'], { env })).stdout,
    );
    expect(holdings.map((h: { name: string }) => h.name)).toEqual(['Sync 0', 'Sync 1']);
    const ended = await runCli(['recipient', 'end', vault, 'Acme Agency', '--regenerate'], { env });
    expect(ended.stdout).toMatch(/Regenerated 2 token\(s\) held by Acme Agency/);
    const rotated = await runCli(['token', 'reveal', vault, ids[0]!], { env });
    expect(rotated.stdout.trim() === values[0]).toBe(false);
    const shownAfter = JSON.parse(
      (await runCli(['token', 'show', vault, ids[0]!, '--json'], { env })).stdout,
    );
    expect(shownAfter.previousValueCount).toBe(1);
    expect((await runCli(['recipient', 'end', vault, 'Acme Agency', '--invalidate'], { env })).code).toBe(0);
    expect(
      JSON.parse((await runCli(['token', 'list', vault, '--json'], { env })).stdout).map(
        (t: { status: string }) => t.status,
      ),
    ).toEqual(['inactive', 'inactive']);
    // About 30 CLI runs, each deriving a key: minutes on a loaded 2-core machine.
  }, 300_000);
});
