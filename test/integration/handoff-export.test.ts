import { openBundleFile } from '../../src/main/core/handoff/open-bundle';
import { afterEach, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, lstatSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateTokenValue } from '../../src/main/core/crypto/token-generator';
import { generateBundlePassword } from '../../src/main/core/handoff/bundle-password';
import { readBundle } from '../../src/main/core/handoff/bundle-zip';
import type { Vault } from '../../src/main/core/vault/vault';
import { encodings, filesUnder } from '../helpers/plaintext-scan';
import { makeTempDir } from '../helpers/temp-dir';
import { createTestVault } from '../helpers/vault-fixture';

let open: Vault | undefined;
afterEach(() => open?.lock());

async function vaultWithTokens() {
  const { vault, dir } = await createTestVault({ operator: 'Olivia Operator' });
  open = vault;
  const hub = vault.accounts.create({ name: 'Hub API', profile: 'endpoint' });
  const crm = vault.accounts.create({ name: 'CRM (main)', profile: 'generic' });
  const values = [generateTokenValue(), generateTokenValue(), generateTokenValue()];
  const primary = vault.tokens.create({
    accountId: hub.id,
    name: 'Contacts GET',
    role: 'primary',
    value: values[0]!,
    description: 'Reads contacts for the website',
  });
  const sync = vault.tokens.create({
    accountId: crm.id,
    name: 'Warehouse sync',
    value: values[1]!,
    keyId: 'client-4711',
    description: 'Nightly export',
  });
  const spare = vault.tokens.create({ accountId: crm.id, name: 'Spare', value: values[2]! });
  const contacts = vault.endpoints.add(hub.id, '/contacts');
  vault.endpoints.assign(contacts.id, 'GET', primary.id);
  const acme = vault.recipients.create({
    name: 'Acme Agency',
    organisation: 'Acme Ltd',
    phone: '+44 20 7946 0000',
  });
  return { vault, dir, values, primary, sync, spare, acme };
}

/** Regular files under the OS temp folder that were not there before (other tests' files included: harmless). */
function tempEntries(): Set<string> {
  const found = new Set<string>();
  const walk = (dir: string, depth: number) => {
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      return; // gone, or not ours to read
    }
    for (const name of names) {
      const path = join(dir, name);
      try {
        const stat = lstatSync(path);
        if (stat.isDirectory() && depth < 6) walk(path, depth + 1);
        else if (stat.isFile() && stat.size < 64 * 1024 * 1024) found.add(path);
      } catch {
        // removed while we looked
      }
    }
  };
  walk(tmpdir(), 0);
  return found;
}

function filesHolding(files: Iterable<string>, secrets: string[]): string[] {
  const hits: string[] = [];
  for (const file of files) {
    let content: Buffer;
    try {
      content = readFileSync(file);
    } catch {
      continue;
    }
    secrets.forEach((secret, index) => {
      for (const { encoding, bytes } of encodings(secret))
        if (content.includes(bytes)) hits.push(`${file}: secret ${index} as ${encoding}`);
    });
  }
  return hits;
}

describe('handoff export (core, real vault)', () => {
  it('writes the chosen tokens and fields, mode 0600, records the handoff and one HandedOff event per token', async () => {
    const { vault, values, primary, sync } = await vaultWithTokens();
    const out = join(makeTempDir(), 'for-acme.zip');
    const { password } = generateBundlePassword();
    const record = await vault.handoffs.export({
      recipient: 'Acme Agency',
      tokenIds: [sync.id, primary.id, sync.id],
      fields: ['endpoints', 'value', 'key-id', 'description'],
      outPath: out,
      password,
      channel: 'whatsapp',
    });
    const bytes = readFileSync(out);
    expect(statSync(out).mode & 0o777).toBe(0o600);
    expect(record).toMatchObject({
      recipient: 'Acme Agency',
      fileName: 'for-acme.zip',
      sha256: createHash('sha256').update(bytes).digest('hex'),
      passwordChannel: 'whatsapp',
      fields: ['value', 'key-id', 'description', 'endpoints'],
      tokenCount: 2,
      tokens: [
        { id: primary.id, name: 'Contacts GET' },
        { id: sync.id, name: 'Warehouse sync' },
      ],
    });
    const doc = await readBundle(bytes, password);
    expect(doc).toMatchObject({ from: 'Olivia Operator', recipient: 'Acme Agency' });
    expect(doc.tokens).toEqual([
      {
        name: 'Warehouse sync',
        account: 'CRM (main)',
        platform: 'generic',
        kind: sync.kind,
        role: 'standalone',
        value: values[1],
        keyId: 'client-4711',
        description: 'Nightly export',
        endpoints: [],
        expiresAt: null,
      },
      {
        name: 'Contacts GET',
        account: 'Hub API',
        platform: 'endpoint',
        kind: primary.kind,
        role: 'primary',
        value: values[0],
        keyId: null,
        description: 'Reads contacts for the website',
        endpoints: [{ endpoint: '/contacts', method: 'GET' }],
        expiresAt: null,
      },
    ]);
    for (const token of [primary, sync]) {
      const kinds = vault.tokens.history(token.id).map((event) => event.kind);
      expect(kinds.at(-1)).toBe('HandedOff');
      expect(kinds).not.toContain('Revealed');
      expect(vault.tokens.history(token.id).at(-1)!.details).toEqual({
        recipient: 'Acme Agency',
        handoffId: record.id,
        file: 'for-acme.zip',
        channel: 'whatsapp',
        fields: ['value', 'key-id', 'description', 'endpoints'],
      });
    }
    expect(vault.handoffs.list()).toEqual([record]);
    expect(vault.handoffs.list({ recipient: 'acme agency' })).toEqual([record]);
    expect(vault.verify().ok).toBe(true);
  });

  it('only the chosen fields go in (7-Zip sees no value when "value" was not chosen); channel defaults to unknown', async () => {
    const { vault, values, sync, spare } = await vaultWithTokens();
    const dir = makeTempDir();
    const out = join(dir, 'ids-only.zip');
    const { password } = generateBundlePassword('random');
    const record = await vault.handoffs.export({
      recipient: 'Acme Agency',
      tokenIds: [sync.id, spare.id],
      fields: ['key-id'],
      outPath: out,
      password,
    });
    expect(record.passwordChannel).toBe('unknown');
    const extracted = join(dir, 'x');
    expect(spawnSync('7zz', ['x', `-p${password}`, `-o${extracted}`, out], { encoding: 'utf8' }).status).toBe(
      0,
    );
    expect(readdirSync(extracted).sort()).toEqual(['README.txt', 'tokens.env', 'tokens.json', 'tokens.txt']);
    const doc = JSON.parse(readFileSync(join(extracted, 'tokens.json'), 'utf8'));
    expect(doc.fields).toEqual(['key-id']);
    expect(doc.tokens.map((t: Record<string, unknown>) => Object.keys(t).sort())).toEqual([
      ['account', 'expiresAt', 'keyId', 'kind', 'name', 'platform', 'role'],
      ['account', 'expiresAt', 'keyId', 'kind', 'name', 'platform', 'role'],
    ]);
    expect(readFileSync(join(extracted, 'tokens.env'), 'utf8')).toBe(
      "CRM_MAIN_WAREHOUSE_SYNC_KEY_ID='client-4711'\n",
    );
    expect(filesHolding(filesUnder(extracted), values)).toEqual([]);
    // The scan finds what is there (the key id was chosen), so its empty answer above means something.
    expect(filesHolding(filesUnder(extracted), ['client-4711']).length).toBeGreaterThan(0);
    expect(
      vault.recipients.holdings(vault.recipients.resolve('Acme Agency').id).map((h) => h.valueGiven),
    ).toEqual([false, false]);
  });

  it('leaves no token value in plain bytes in the vault folder, the new temp files or the bundle itself', async () => {
    const before = tempEntries();
    const { vault, dir, values, primary, sync, spare } = await vaultWithTokens();
    const out = join(makeTempDir(), 'bundle.zip');
    await vault.handoffs.export({
      recipient: 'Acme Agency',
      tokenIds: [primary.id, sync.id, spare.id],
      fields: ['value', 'key-id', 'description', 'endpoints'],
      outPath: out,
      password: generateBundlePassword().password,
      channel: 'sms',
    });
    vault.lock();
    open = undefined;
    expect(filesUnder(dir).length).toBeGreaterThan(1);
    expect(filesHolding(filesUnder(dir), values)).toEqual([]);
    const created = [...tempEntries()].filter((file) => !before.has(file));
    expect(created).toContain(out);
    expect(filesHolding(created, values)).toEqual([]);
    // No temp file of the atomic write is left beside the bundle.
    expect(readdirSync(join(out, '..'))).toEqual(['bundle.zip']);
  });

  it('never overwrites, refuses an archived recipient or a missing token, and writes nothing then', async () => {
    const { vault, sync, acme } = await vaultWithTokens();
    const dir = makeTempDir();
    const out = join(dir, 'b.zip');
    const request = {
      recipient: 'Acme Agency',
      tokenIds: [sync.id],
      fields: ['value' as const],
      outPath: out,
      password: generateBundlePassword().password,
    };
    await vault.handoffs.export(request);
    const first = readFileSync(out);
    await expect(vault.handoffs.export(request)).rejects.toMatchObject({
      code: 'ALREADY_EXISTS',
      message: 'b.zip already exists; it was not overwritten.',
    });
    expect(readFileSync(out).equals(first)).toBe(true);
    await expect(
      vault.handoffs.export({ ...request, outPath: join(dir, 'c.zip'), tokenIds: [999] }),
    ).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(
      vault.handoffs.export({ ...request, outPath: join(dir, 'c.zip'), fields: [] }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(
      vault.handoffs.export({ ...request, outPath: join(dir, 'no-such-folder', 'c.zip') }),
    ).rejects.toMatchObject({ code: 'IO' });
    vault.useCases.editRecipient(acme.id, {}, true);
    await expect(vault.handoffs.export({ ...request, outPath: join(dir, 'c.zip') })).rejects.toMatchObject({
      code: 'POLICY',
      message: expect.stringMatching(/archived/),
    });
    expect(readdirSync(dir)).toEqual(['b.zip']);
    expect(vault.handoffs.list()).toHaveLength(1);
    expect(vault.tokens.history(sync.id).filter((e) => e.kind === 'HandedOff')).toHaveLength(1);
  });

  it('removes the bundle when the handoff cannot be recorded: no file the vault does not know about', async () => {
    const { vault, sync } = await vaultWithTokens();
    const out = join(makeTempDir(), 'orphan.zip');
    // The record's insert fails after the file is durable (as a full disk or a damaged database would make it).
    vault.db.exec(`CREATE TEMP TRIGGER refuse_handoff BEFORE INSERT ON handoff_tokens
                   BEGIN SELECT RAISE(ABORT, 'refused by the test'); END`);
    await expect(
      vault.handoffs.export({
        recipient: 'Acme Agency',
        tokenIds: [sync.id],
        fields: ['value'],
        outPath: out,
        password: generateBundlePassword().password,
      }),
    ).rejects.toThrow(/refused by the test/);
    expect(existsSync(out)).toBe(false);
    expect(vault.handoffs.list()).toEqual([]);
    expect(vault.tokens.history(sync.id).map((e) => e.kind)).toEqual(['Created']);
  });

  it('imports a bundle into another vault: all tokens or none', async () => {
    const { vault, values, sync, spare } = await vaultWithTokens();
    const { password } = generateBundlePassword();
    const out = join(makeTempDir(), 'b.zip');
    await vault.handoffs.export({
      recipient: 'Acme Agency',
      tokenIds: [sync.id, spare.id],
      fields: ['value', 'key-id', 'description'],
      outPath: out,
      password,
    });
    vault.lock();
    const { vault: agency } = await createTestVault({ operator: 'agency' });
    open = agency;
    agency.accounts.create({ name: 'From client', profile: 'generic' });
    const doc = await openBundleFile(out, { kind: 'password', password });
    expect(agency.handoffs.importBundle(doc, 'From client')).toBe(2);
    const imported = agency.tokens.list();
    expect(imported.map((t) => [t.name, t.keyId, t.description])).toEqual([
      ['Spare', null, ''],
      ['Warehouse sync', 'client-4711', 'Nightly export'],
    ]);
    expect(imported.map((t) => agency.tokens.reveal(t.id)).sort()).toEqual([values[1], values[2]].sort());
    // The same bundle again into an account whose profile refuses one row: nothing at all is added.
    agency.accounts.create({ name: 'Strict', profile: 'emplifi' });
    expect(() => agency.handoffs.importBundle(doc, 'Strict')).toThrow();
    expect(agency.tokens.list({ accountId: agency.accounts.resolve('Strict').id })).toEqual([]);
    // A bundle made without values has nothing to import.
    const idsOnly = {
      ...doc,
      fields: ['key-id' as const],
      tokens: doc.tokens.map(({ value: _v, ...t }) => t),
    };
    expect(() => agency.handoffs.importBundle(idsOnly, 'From client')).toThrow(/no token values/);
    expect(agency.tokens.list()).toHaveLength(2);
  });
});
