import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  acceptTypedBundlePassword,
  generateBundlePassword,
  passphraseWordCount,
} from '../../src/main/core/handoff/bundle-password';
import { readBundle, writeBundle } from '../../src/main/core/handoff/bundle-zip';
import { generateTokenValue } from '../../src/main/core/crypto/token-generator';
import type { HandoffDocument } from '../../src/shared/handoff-format';
import { makeTempDir } from '../helpers/temp-dir';

function sampleDocument(): HandoffDocument {
  return {
    format: 'tokenvault-handoff',
    version: 1,
    createdAt: '2026-11-23T10:00:00.000Z',
    from: 'Alice Admin',
    recipient: 'Acme Agency',
    fields: ['value', 'key-id', 'description'],
    tokens: [
      {
        name: 'Salesforce sync',
        account: 'EN main',
        platform: 'generic',
        kind: 'private',
        role: 'standalone',
        value: generateTokenValue(),
        keyId: null,
        description: 'CRM',
        expiresAt: null,
      },
      {
        name: 'Webinars',
        account: 'ON24',
        platform: 'on24',
        kind: 'key-secret',
        role: 'standalone',
        value: generateTokenValue(),
        keyId: 'key-123',
        description: '',
        expiresAt: '2027-01-01',
      },
    ],
  };
}

describe('handoff bundles (AES-256 ZIP, AE-2)', () => {
  it('7-Zip extracts the bundle with its password and the files hold what was chosen', async () => {
    const doc = sampleDocument();
    const { password } = generateBundlePassword();
    const dir = makeTempDir();
    const file = join(dir, 'handoff.zip');
    writeFileSync(file, await writeBundle(doc, password));
    const listing = spawnSync('7zz', ['l', '-slt', file], { encoding: 'utf8' });
    expect(listing.stdout).toMatch(/Method = AES-256/);
    expect(listing.stdout.match(/^Path = (.+)$/gm)?.slice(1)).toEqual([
      'Path = README.txt',
      'Path = tokens.txt',
      'Path = tokens.json',
      'Path = tokens.env',
    ]);
    const out = join(dir, 'out');
    const extracted = spawnSync('7zz', ['x', `-p${password}`, `-o${out}`, file], { encoding: 'utf8' });
    expect(extracted.status).toBe(0);
    expect(JSON.parse(readFileSync(join(out, 'tokens.json'), 'utf8'))).toEqual(doc);
    const text = readFileSync(join(out, 'tokens.txt'), 'utf8');
    expect(text.includes(doc.tokens[0]!.value!)).toBe(true);
    expect(readFileSync(join(out, 'tokens.env'), 'utf8')).toContain("ON24_WEBINARS_KEY_ID='key-123'");
    expect(readFileSync(join(out, 'README.txt'), 'utf8')).toMatch(/7-Zip.*Keka.*The Unarchiver.*WinRAR/s);
  });

  it('Info-ZIP unzip cannot open it (so the README tells the truth)', async () => {
    const { password } = generateBundlePassword();
    const dir = makeTempDir();
    const file = join(dir, 'handoff.zip');
    writeFileSync(file, await writeBundle(sampleDocument(), password));
    const result = spawnSync('unzip', ['-P', password, '-o', '-d', join(dir, 'out'), file], {
      encoding: 'utf8',
    });
    expect(result.status).not.toBe(0);
    expect(`${result.stdout}${result.stderr}`).toMatch(/unsupported compression method 99|need PK compat/i);
  });

  it('our reader opens it, refuses a wrong password, a flipped bit, and a zip that is not a bundle', async () => {
    const doc = sampleDocument();
    const { password } = generateBundlePassword('random');
    const bytes = await writeBundle(doc, password);
    expect(await readBundle(bytes, password)).toEqual(doc);
    await expect(readBundle(bytes, 'not-the-password-at-all')).rejects.toMatchObject({
      code: 'WRONG_PASSWORD',
    });
    // One flipped bit anywhere (headers included: the seal covers every byte) is refused as tampering.
    const offsets = [
      0,
      10,
      30,
      60,
      bytes.length - 1,
      bytes.length - 22,
      ...Array.from({ length: 30 }, (_, i) => Math.floor(((i + 0.5) / 30) * bytes.length)),
    ];
    const outcomes = new Set<string>();
    for (const offset of offsets) {
      const flipped = Uint8Array.from(bytes);
      flipped[offset] = flipped[offset]! ^ (1 << (offset % 8));
      outcomes.add(
        await readBundle(flipped, password).then(
          () => `opened at ${offset}`,
          (error: { code: string }) => error.code,
        ),
      );
    }
    expect([...outcomes]).toEqual(['BUNDLE_INVALID']);
    const dir = makeTempDir();
    writeFileSync(join(dir, 'a.txt'), 'hello');
    spawnSync('7zz', [
      'a',
      '-tzip',
      `-p${password}`,
      '-mem=AES256',
      join(dir, 'other.zip'),
      join(dir, 'a.txt'),
    ]);
    await expect(readBundle(readFileSync(join(dir, 'other.zip')), password)).rejects.toMatchObject({
      code: 'BUNDLE_INVALID',
    });
    await expect(readBundle(new Uint8Array([1, 2, 3]), password)).rejects.toMatchObject({
      code: 'BUNDLE_INVALID',
    });
  });

  it('generated passwords carry at least 80 bits; typed ones need score 4 and 20 characters', async () => {
    expect(passphraseWordCount()).toBe(7772);
    const phrase = generateBundlePassword('passphrase');
    expect(phrase.entropyBits).toBeGreaterThanOrEqual(80);
    expect(phrase.password.split('-').length).toBeGreaterThanOrEqual(7);
    const random = generateBundlePassword('random');
    expect(random.entropyBits).toBeGreaterThanOrEqual(80);
    expect(random.password.length).toBeGreaterThanOrEqual(24);
    // Word choice is spread out: 400 passphrases x 8 words rarely repeat a word more than a few times.
    const counts = new Map<string, number>();
    for (let i = 0; i < 400; i++)
      for (const word of generateBundlePassword().password.split('-'))
        counts.set(word, (counts.get(word) ?? 0) + 1);
    expect(counts.size).toBeGreaterThan(2500);
    expect(Math.max(...counts.values())).toBeLessThan(8);
    await expect(acceptTypedBundlePassword('short')).rejects.toThrow(/20 characters/);
    await expect(acceptTypedBundlePassword('password password password')).rejects.toThrow(/top strength/);
    expect((await acceptTypedBundlePassword('violet kettle marathon lantern orbit 42')).style).toBe('typed');
  });
});
