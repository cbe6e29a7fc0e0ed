import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { keepassXml, writeKdbx4 } from '../../bench/reference/kdbx-reference';
import { ARGON2ID_FLOOR } from '../../src/main/core/crypto/argon2id';
import { makeTempDir } from '../helpers/temp-dir';

const PASSWORD = 'bench reference password';

function keepassxc(args: string[], stdin: string) {
  return spawnSync('keepassxc-cli', args, { input: stdin, encoding: 'utf8' });
}

describe("the benchmark's reference KeePass database (kdbxweb)", () => {
  it('keepassxc-cli opens it with the vault floor Argon2id parameters and lists every entry', async () => {
    const dir = makeTempDir();
    const path = join(dir, 'reference.kdbx');
    const groups = [
      {
        name: 'Bench platform',
        entries: ['Salesforce sync', 'Mailchimp export', 'Stripe webhooks'].map((title, i) => ({
          title,
          userName: `owner-${i}`,
          password: `value-${i}-${'x'.repeat(40)}`,
          url: '',
          notes: 'synthetic',
        })),
      },
    ];
    writeFileSync(path, await writeKdbx4(groups, 'bench', PASSWORD, ARGON2ID_FLOOR));
    const info = keepassxc(['db-info', '-q', path], `${PASSWORD}\n`);
    expect(info.status).toBe(0);
    expect(info.stdout).toMatch(
      new RegExp(`KDF: Argon2id \\(${ARGON2ID_FLOOR.iterations} rounds, ${ARGON2ID_FLOOR.memoryKiB} KB\\)`),
    );
    const listed = keepassxc(['ls', '-q', '-R', '-f', path], `${PASSWORD}\n`);
    expect(
      listed.stdout
        .trim()
        .split('\n')
        .filter((line) => line.startsWith('Bench platform/') && !line.endsWith('/')),
    ).toEqual([
      'Bench platform/Salesforce sync',
      'Bench platform/Mailchimp export',
      'Bench platform/Stripe webhooks',
    ]);
    const shown = keepassxc(
      ['show', '-q', '-s', '-a', 'Password', path, 'Bench platform/Stripe webhooks'],
      `${PASSWORD}\n`,
    );
    expect(shown.stdout.trim()).toBe(`value-2-${'x'.repeat(40)}`);
    // The XML export form imports into keepassxc-cli as well.
    writeFileSync(join(dir, 'reference.xml'), await keepassXml(groups, 'bench'));
    const imported = keepassxc(
      ['import', '-q', '-p', join(dir, 'reference.xml'), join(dir, 'imported.kdbx')],
      `${PASSWORD}\n${PASSWORD}\n`,
    );
    expect(imported.status).toBe(0);
  }, 60_000);
});
