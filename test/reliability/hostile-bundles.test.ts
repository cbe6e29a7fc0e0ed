import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateTokenValue } from '../../src/main/core/crypto/token-generator';
import { SEAL_LENGTH, sealPlaceholder } from '../../src/main/core/handoff/bundle-seal';
import { inflationCap, MAX_BUNDLE_BYTES, writeBundle } from '../../src/main/core/handoff/bundle-zip';
import type { HandoffDocument } from '../../src/shared/handoff-format';
import { runCliUnderLimit, type ProbedRun } from '../helpers/bounded-child';
import { declareInflatedSize, deflatedZeros, reseal, sealedZip } from '../helpers/hostile-bundles';
import { ensureCliBuilt } from '../helpers/run-cli';

const MIB = 1024 * 1024;
const PASSWORD = 'hostile-bundle-probe-password-42';
const GENEROUS_ADDRESS_SPACE = 64 * 1024 * MIB;

const dir = mkdtempSync(join(tmpdir(), 'tv-hostile-'));
const file = (name: string) => join(dir, name);
let baseline: NonNullable<ProbedRun['probe']>;

function document(): HandoffDocument {
  return {
    format: 'tokenvault-handoff',
    version: 1,
    createdAt: '2026-11-23T10:00:00.000Z',
    from: 'Probe',
    recipient: 'Agency',
    fields: ['value'],
    tokens: [
      {
        name: 'Sync',
        account: 'Main',
        platform: 'generic',
        kind: 'private',
        role: 'standalone',
        value: generateTokenValue(),
        expiresAt: null,
      },
    ],
  };
}

function open(path: string, password: string, addressSpace: number): ProbedRun {
  const passwordFile = file(`pw-${password.length}.txt`);
  writeFileSync(passwordFile, `${password}\n`);
  return runCliUnderLimit(
    ['handoff', 'open', path, '--bundle-password-file', passwordFile],
    addressSpace,
    file('probe.json'),
  );
}

beforeAll(async () => {
  ensureCliBuilt();
  writeFileSync(file('genuine.zip'), await writeBundle(document(), PASSWORD));
  const genuine = open(file('genuine.zip'), PASSWORD, GENEROUS_ADDRESS_SPACE);
  expect(genuine.code).toBe(0);
  baseline = genuine.probe!;

  // 1 GiB of zeros in about 1 MB, sealed with the real password: someone who has it made this.
  const zeros = deflatedZeros(1024);
  const bomb = await sealedZip(
    [
      { name: 'README.txt', text: 'read me' },
      { name: 'tokens.txt', text: 'tokens' },
      { name: 'tokens.json', deflated: { data: zeros, inflatedBytes: 1024 * MIB } },
      { name: 'tokens.env', text: 'A=b' },
    ],
    PASSWORD,
  );
  writeFileSync(file('bomb.zip'), bomb);
  // The same bomb declaring the largest size the reader accepts for its file size, so inflation itself is cut.
  writeFileSync(
    file('bomb-lying.zip'),
    reseal(declareInflatedSize(bomb, 'tokens.json', inflationCap(bomb.length)), PASSWORD),
  );

  // 10,000 entries under a password we do not know, made by 7-Zip itself.
  const many = file('many');
  mkdirSync(many);
  for (let i = 0; i < 10_000; i++) writeFileSync(join(many, `f${i}.txt`), `${i}`);
  const made = spawnSync(
    '7zz',
    ['a', '-tzip', '-mem=AES256', '-mx=0', '-pan-unknown-password', file('many.zip'), `${many}/*`],
    {
      encoding: 'utf8',
    },
  );
  expect(made.status).toBe(0);
  rmSync(many, { recursive: true });
  // ... given a seal-shaped comment, so the reader cannot stop at "no seal" and must look at the entries.
  const archive = readFileSync(file('many.zip'));
  archive.writeUInt16LE(SEAL_LENGTH, archive.length - 2);
  writeFileSync(file('many.zip'), reseal(Buffer.concat([archive, sealPlaceholder()]), 'an-unknown-password'));

  writeFileSync(file('300mb.zip'), '');
  truncateSync(file('300mb.zip'), 300 * 1000 * 1000);
  writeFileSync(file('3gb.zip'), '');
  truncateSync(file('3gb.zip'), 3 * 1000 * 1000 * 1000);
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('handoff open refuses a hostile file in bounded memory and time (prlimit --as)', () => {
  const cases: { name: string; path: () => string; password: string; code: number; message: RegExp }[] = [
    {
      name: '1 MB of deflated zeros (1 GiB), with the password',
      path: () => file('bomb.zip'),
      password: PASSWORD,
      code: 6,
      message: /The entry tokens\.json says it inflates to 1024 MiB, more than the 17 MiB/,
    },
    {
      name: 'the same bomb, without the password',
      path: () => file('bomb.zip'),
      password: 'not-the-password-of-this-bomb',
      code: 3,
      message: /^tokenvault: Wrong bundle password\.$/,
    },
    {
      name: 'the same bomb declaring the largest accepted size, with the password',
      path: () => file('bomb-lying.zip'),
      password: PASSWORD,
      code: 6,
      message: /The entry tokens\.json inflates to more than the 17 MiB it declares/,
    },
    {
      name: '10,000 entries under an unknown password',
      path: () => file('many.zip'),
      password: PASSWORD,
      code: 6,
      message: /This ZIP holds 10000 entries; a Token Vault bundle holds exactly 4/,
    },
    {
      name: 'a 300 MB file',
      path: () => file('300mb.zip'),
      password: PASSWORD,
      code: 6,
      message: /This file is 286\.1 MiB, more than the 256 MiB a handoff bundle can be, so it is not one\./,
    },
    {
      name: 'a 3 GB sparse file',
      path: () => file('3gb.zip'),
      password: PASSWORD,
      code: 6,
      message: /The bundle file is 2861 MiB, more than the 358\.4 MiB accepted\./,
    },
    {
      name: '/dev/zero',
      path: () => '/dev/zero',
      password: PASSWORD,
      code: 6,
      message: /The bundle file is not a regular file \(a pipe or a device is not read\): \/dev\/zero/,
    },
  ];

  for (const probe of cases) {
    it(`${probe.name}: refused with one sentence, peak memory under 2 x its size + 64 MiB, CPU under 2 s`, () => {
      const path = probe.path();
      const size =
        path === '/dev/zero' ? 0 : spawnSync('stat', ['-c', '%s', path], { encoding: 'utf8' }).stdout;
      // A file refused from its size (a ZIP over 256 MiB, anything over the armored age cap) is never read: it is
      // held to the bound of an empty file.
      const held = Number(size) > MAX_BUNDLE_BYTES ? 0 : Number(size);
      const bound = 2 * held + 64 * MIB;
      const run = open(path, probe.password, baseline.vmPeakBytes + bound);
      expect(run.signal).toBeNull();
      expect({ code: run.code, stderr: run.stderr }).toMatchObject({ code: probe.code });
      const lines = run.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(probe.message);
      expect(run.stdout).toBe('');
      expect(run.probe).toBeDefined();
      const grown = run.probe!.peakRssBytes - baseline.peakRssBytes;
      console.log(
        `${probe.name}: exit ${run.code}, peak RSS +${(grown / MIB).toFixed(1)} MiB over a genuine bundle (bound ${(bound / MIB).toFixed(1)} MiB), CPU ${run.probe!.cpuMs.toFixed(0)} ms, wall ${run.probe!.wallMs.toFixed(0)} ms`,
      );
      expect(grown).toBeLessThan(bound);
      expect(run.probe!.cpuMs).toBeLessThan(2000);
    });
  }
});
