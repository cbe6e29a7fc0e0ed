import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readBundle } from '../../src/main/core/handoff/bundle-zip';
import type { HandoffDocument } from '../../src/shared/handoff-format';
import { renameEntry, reseal, sealedZip, type HostileEntry } from '../helpers/hostile-bundles';
import { ensureCliBuilt, runCli } from '../helpers/run-cli';
import { makeTempDir } from '../helpers/temp-dir';

const PASSWORD = 'one-meaning-bundle-password-77';

beforeAll(() => ensureCliBuilt(), 120_000);

function documentFor(recipient: string): string {
  const doc: HandoffDocument = {
    format: 'tokenvault-handoff',
    version: 1,
    createdAt: '2026-11-23T10:00:00.000Z',
    from: 'Olivia',
    recipient,
    fields: [],
    tokens: [],
  };
  return JSON.stringify(doc);
}

const genuine: HostileEntry[] = [
  { name: 'README.txt', text: 'read me' },
  { name: 'tokens.txt', text: 'tokens' },
  { name: 'tokens.json', text: documentFor('First Agency') },
  { name: 'tokens.env', text: 'A=b\n' },
];

/** What 7-Zip shows: the entry names it lists, and the content it extracts for `entry` (first one kept). */
function sevenZip(zip: Buffer, entry: string, password = PASSWORD): { names: string[]; content: string } {
  const dir = makeTempDir('tv-7zz-');
  const path = join(dir, 'bundle.zip');
  writeFileSync(path, zip);
  const listing = spawnSync('7zz', ['l', '-slt', `-p${password}`, path], { encoding: 'utf8' });
  const names = [...listing.stdout.matchAll(/^Path = (.+)$/gm)].slice(1).map((m) => m[1]!);
  mkdirSync(join(dir, 'out'));
  // -aos: when a name repeats, keep the first extracted, as 7-Zip does when asked not to overwrite.
  spawnSync('7zz', ['x', '-aos', `-p${password}`, `-o${join(dir, 'out')}`, path], { encoding: 'utf8' });
  let content = '';
  try {
    content = readFileSync(join(dir, 'out', entry), 'utf8');
  } catch {
    content = '';
  }
  return { names, content };
}

async function cliOpen(zip: Buffer) {
  const dir = makeTempDir('tv-one-meaning-');
  writeFileSync(join(dir, 'b.zip'), zip);
  writeFileSync(join(dir, 'pw'), `${PASSWORD}\n`);
  return runCli(['handoff', 'open', join(dir, 'b.zip'), '--bundle-password-file', join(dir, 'pw'), '--json']);
}

async function expectRefused(zip: Buffer, sentence: RegExp) {
  await expect(readBundle(zip, PASSWORD)).rejects.toMatchObject({
    code: 'BUNDLE_INVALID',
    message: expect.stringMatching(sentence),
  });
  const result = await cliOpen(zip);
  expect(result.code).toBe(6);
  expect(result.stdout).toBe('');
  expect(result.stderr.trim().split('\n')).toHaveLength(1);
  expect(result.stderr).toMatch(sentence);
}

describe('a bundle means one thing to every reader', () => {
  it('a well-formed bundle: 7-Zip and our reader see the same four entries and the same tokens.json', async () => {
    const zip = await sealedZip(genuine, PASSWORD);
    expect(sevenZip(zip, 'tokens.json')).toEqual({
      names: ['README.txt', 'tokens.txt', 'tokens.json', 'tokens.env'],
      content: documentFor('First Agency'),
    });
    expect((await readBundle(zip, PASSWORD)).recipient).toBe('First Agency');
  });

  it('two tokens.json entries (7-Zip extracts the first): refused, exit 6', async () => {
    const twice = renameEntry(
      await sealedZip(
        [...genuine.slice(0, 3), { name: 'tokens.jsoX', text: documentFor('Second Agency') }],
        PASSWORD,
      ),
      'tokens.jsoX',
      'tokens.json',
    );
    const zip = reseal(twice, PASSWORD);
    const seen = sevenZip(zip, 'tokens.json');
    expect(seen.names).toEqual(['README.txt', 'tokens.txt', 'tokens.json', 'tokens.json']);
    expect(seen.content).toBe(documentFor('First Agency'));
    await expectRefused(
      zip,
      /This ZIP holds two entries named tokens\.json, which readers resolve differently/,
    );
  });

  it('an entry Token Vault never writes, in place of one it does: refused, exit 6', async () => {
    const zip = reseal(renameEntry(await sealedZip(genuine, PASSWORD), 'tokens.env', 'tokens.exe'), PASSWORD);
    expect(sevenZip(zip, 'tokens.exe').names).toContain('tokens.exe');
    await expectRefused(zip, /This ZIP holds an entry Token Vault never writes \("tokens\.exe"\)/);
  });

  it('an extra, fifth entry: refused, exit 6', async () => {
    const zip = await sealedZip([...genuine, { name: 'run-me.sh', text: 'echo hi' }], PASSWORD);
    expect(sevenZip(zip, 'run-me.sh')).toMatchObject({ content: 'echo hi' });
    await expectRefused(zip, /This ZIP holds 5 entries; a Token Vault bundle holds exactly 4/);
  });

  it('an unencrypted entry (7-Zip extracts it with any password): refused, exit 6', async () => {
    const zip = await sealedZip(
      [...genuine.slice(0, 3), { name: 'tokens.env', text: 'SHOWN=to anyone\n', encrypted: false }],
      PASSWORD,
    );
    expect(sevenZip(zip, 'tokens.env', 'any-other-password').content).toBe('SHOWN=to anyone\n');
    await expectRefused(zip, /The entry tokens\.env in this ZIP is not encrypted with AES-256/);
  });
});
