import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateTokenValue } from '../../src/main/core/crypto/token-generator';
import { Vault } from '../../src/main/core/vault/vault';
import { ensureCliBuilt, runCli } from '../helpers/run-cli';
import { TEST_PASSWORD } from '../helpers/vault-fixture';

let work: string;
let vault: string;
let env: Record<string, string>;
let values: string[];
let ids: string[];
let bundleCount = 0;

const cli = (args: string[]) => runCli(args, { env });
const json = async (args: string[]) => {
  const result = await cli([...args, '--json']);
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout);
};
const handOver = async (recipient: string, tokenIds: string[], fields = 'value') => {
  const result = await cli([
    'handoff',
    'export',
    vault,
    '--recipient',
    recipient,
    ...tokenIds.flatMap((id) => ['--token', id]),
    '--out',
    join(work, `bundle-${++bundleCount}.zip`),
    '--fields',
    fields,
    '--password-out',
    join(work, `pw-${bundleCount}.txt`),
  ]);
  expect(result.code).toBe(0);
};

/** Many CLI processes in one test; each start can take seconds on a loaded machine. */
const MANY_PROCESSES_MS = 240_000;

beforeAll(async () => {
  ensureCliBuilt();
  work = mkdtempSync(join(tmpdir(), 'tokenvault-recipient-cli-'));
  const passwordFile = join(work, 'master.txt');
  writeFileSync(passwordFile, `${TEST_PASSWORD}\n`);
  env = { TOKENVAULT_PASSWORD_FILE: passwordFile };
  vault = join(work, 'admin.tokenvault');
  const { vault: opened } = await Vault.create(vault, { password: TEST_PASSWORD, operator: 'Olivia' });
  const account = opened.accounts.create({ name: 'CRM', profile: 'generic' });
  values = [generateTokenValue(), generateTokenValue(), generateTokenValue()];
  ids = ['Alpha', 'Bravo', 'Charlie'].map((name, i) =>
    String(opened.tokens.create({ accountId: account.id, name, value: values[i]! }).id),
  );
  opened.lock();
}, 120_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('tokenvault recipient', () => {
  it('add prints the id; list, show (text and JSON); duplicates and bad details refused', async () => {
    const added = await cli([
      'recipient',
      'add',
      vault,
      '--name',
      'Acme Agency',
      '--organisation',
      'Acme Ltd',
      '--email',
      'ops@acme.test',
      '--phone',
      '+44 20 7946 0000',
      '--notes',
      'Contact: Jo',
    ]);
    expect([added.code, added.stdout]).toEqual([0, '1\n']);
    expect((await cli(['recipient', 'add', vault, '--name', 'Beta Devs'])).stdout).toBe('2\n');
    const duplicate = await cli(['recipient', 'add', vault, '--name', 'acme agency']);
    expect([duplicate.code, duplicate.stderr]).toEqual([
      1,
      'tokenvault: A recipient named "acme agency" already exists.\n',
    ]);
    const badEmail = await cli(['recipient', 'add', vault, '--name', 'X', '--email', 'nope']);
    expect([badEmail.code, badEmail.stderr]).toEqual([
      2,
      'tokenvault: That email address is not valid. (email)\n',
    ]);
    expect((await cli(['recipient', 'add', vault])).code).toBe(2);

    expect((await json(['recipient', 'list', vault])).map((r: { name: string }) => r.name)).toEqual([
      'Acme Agency',
      'Beta Devs',
    ]);
    const table = await cli(['recipient', 'list', vault]);
    expect(table.stdout.split('\n')[0]).toMatch(/^ID +NAME +ORGANISATION +EMAIL +PHONE +HANDOFFS +ARCHIVED$/);
    expect(table.stdout).toMatch(/1 +Acme Agency +Acme Ltd +ops@acme\.test +\+44 20 7946 0000 +0/);
    expect(await json(['recipient', 'show', vault, 'acme agency'])).toMatchObject({
      id: 1,
      name: 'Acme Agency',
      organisation: 'Acme Ltd',
      notes: 'Contact: Jo',
      archived: false,
      handoffCount: 0,
      tokensHeld: 0,
    });
    const shown = await cli(['recipient', 'show', vault, '2']);
    expect(shown.stdout).toMatch(/^id +2\nname +Beta Devs\norganisation +-\n/);
    const missing = await cli(['recipient', 'show', vault, 'Nobody']);
    expect([missing.code, missing.stderr]).toEqual([
      4,
      'tokenvault: There is no recipient named "Nobody".\n',
    ]);
  });

  it('edit renames and archives; --archive with --unarchive, or nothing to change, is a usage error', async () => {
    const renamed = await cli([
      'recipient',
      'edit',
      vault,
      'Beta Devs',
      '--name',
      'Beta Studio',
      '--email',
      'hi@beta.test',
    ]);
    expect([renamed.code, renamed.stdout]).toEqual([0, 'Saved Beta Studio.\n']);
    expect((await cli(['recipient', 'edit', vault, 'Beta Studio', '--archive'])).stdout).toBe(
      'Saved Beta Studio (archived).\n',
    );
    expect(
      (await json(['recipient', 'list', vault])).map((r: { name: string; archived: boolean }) => [
        r.name,
        r.archived,
      ]),
    ).toEqual([
      ['Acme Agency', false],
      ['Beta Studio', true],
    ]);
    expect((await cli(['recipient', 'edit', vault, 'Beta Studio', '--unarchive'])).stdout).toBe(
      'Saved Beta Studio.\n',
    );
    const taken = await cli([
      'recipient',
      'edit',
      vault,
      'Beta Studio',
      '--name',
      'ACME AGENCY',
      '--archive',
    ]);
    expect(taken.code).toBe(1);
    // The refused rename took the archive flag down with it: one transaction.
    expect((await json(['recipient', 'show', vault, 'Beta Studio'])).archived).toBe(false);
    expect((await cli(['recipient', 'edit', vault, 'Beta Studio', '--archive', '--unarchive'])).code).toBe(2);
    expect((await cli(['recipient', 'edit', vault, 'Beta Studio'])).code).toBe(2);
    expect((await cli(['recipient', 'edit', vault, 'Nobody', '--notes', 'x'])).code).toBe(4);
  });

  it(
    'holdings and engagement ended: list what to rotate, regenerate all of it, then invalidate',
    async () => {
      await handOver('Acme Agency', [ids[0]!, ids[1]!]);
      await handOver('Acme Agency', [ids[2]!], 'key-id,description');
      const holdings = await json(['recipient', 'holdings', vault, 'Acme Agency']);
      expect(
        holdings.map((h: { name: string; valueGiven: boolean; holdsCurrentValue: boolean }) => [
          h.name,
          h.valueGiven,
          h.holdsCurrentValue,
        ]),
      ).toEqual([
        ['Alpha', true, true],
        ['Bravo', true, true],
        ['Charlie', false, false],
      ]);
      const table = await cli(['recipient', 'holdings', vault, 'Acme Agency']);
      expect(table.stdout).toMatch(/Alpha +CRM +\S+ +\S+ +1 +holds current value/);
      expect(table.stdout).toMatch(/Charlie +CRM +\S+ +\S+ +1 +no value given/);
      expect((await cli(['recipient', 'holdings', vault, 'Beta Studio'])).stdout).toBe(
        'This recipient holds no tokens.\n',
      );

      const plan = await cli(['recipient', 'end', vault, 'Acme Agency']);
      expect(plan.code).toBe(0);
      expect(plan.stdout).toMatch(/^Acme Agency holds the current value of 2 tokens; rotate them:\n/);
      expect(plan.stdout).toMatch(/Charlie +the value was never handed over/);
      expect(
        (await json(['recipient', 'end', vault, 'Acme Agency'])).toRotate.map(
          (t: { name: string }) => t.name,
        ),
      ).toEqual(['Alpha', 'Bravo']);
      // Listing changed nothing.
      expect((await cli(['token', 'reveal', vault, ids[0]!])).stdout.trim() === values[0]).toBe(true);

      expect(
        (await cli(['recipient', 'end', vault, 'Acme Agency', '--regenerate', '--invalidate'])).code,
      ).toBe(2);
      const ended = await cli(['recipient', 'end', vault, 'Acme Agency', '--regenerate']);
      expect(ended.code).toBe(0);
      expect(ended.stdout).toMatch(
        /^New values made here for 2 tokens held by Acme Agency: Alpha, Bravo\.\nSet the new values on each platform/,
      );
      for (const [i, id] of [ids[0]!, ids[1]!].entries()) {
        const now = (await cli(['token', 'reveal', vault, id])).stdout.trim();
        expect(now === values[i]).toBe(false);
        expect((await json(['token', 'show', vault, id])).previousValueCount).toBe(1);
      }
      expect((await cli(['recipient', 'end', vault, 'Acme Agency'])).stdout).toMatch(
        /^Acme Agency holds no current token value: nothing to rotate\./,
      );

      await handOver('Beta Studio', [ids[0]!]);
      const invalidated = await json(['recipient', 'end', vault, 'Beta Studio', '--invalidate']);
      expect(invalidated).toEqual({
        recipient: 'Beta Studio',
        action: 'invalidate',
        tokens: [{ id: Number(ids[0]), name: 'Alpha' }],
        skipped: [],
      });
      expect((await json(['token', 'show', vault, ids[0]!])).status).toBe('inactive');
      // Now switched off, it is left out as the rotation plan leaves it out, and said so.
      const after = await cli(['recipient', 'end', vault, 'Beta Studio']);
      expect(after.stdout).toMatch(/^Beta Studio holds no current token value: nothing to rotate\./);
      expect(after.stdout).toMatch(
        /Not to rotate: Alpha \(\d+\) is already recorded as invalidated; while it stays switched off there/,
      );
      expect((await cli(['recipient', 'end', vault, 'Nobody'])).code).toBe(4);
    },
    MANY_PROCESSES_MS,
  );

  it(
    'delete: refused (exit 5) while handoffs reference it unless archived; then its handoffs stay on record',
    async () => {
      const lone = await cli(['recipient', 'add', vault, '--name', 'Lone Dev']);
      expect(lone.code).toBe(0);
      expect((await cli(['recipient', 'delete', vault, 'Lone Dev'])).stdout).toBe('Deleted Lone Dev.\n');
      const refused = await cli(['recipient', 'delete', vault, 'Acme Agency']);
      expect(refused.code).toBe(5);
      expect(refused.stderr).toBe(
        'tokenvault: Acme Agency received 2 handoffs; archive the recipient first. An archived recipient can be deleted, and its handoffs stay on record.\n',
      );
      expect((await cli(['recipient', 'edit', vault, 'Acme Agency', '--archive'])).code).toBe(0);
      const deleted = await cli(['recipient', 'delete', vault, 'Acme Agency']);
      expect(deleted.stdout).toBe(
        'Deleted Acme Agency\'s details; its 2 handoffs stay on record as "Acme Agency (deleted)".\n',
      );
      expect((await json(['recipient', 'list', vault])).map((r: { name: string }) => r.name)).toEqual([
        'Beta Studio',
      ]);
      const records = await json(['handoff', 'list', vault]);
      expect(records.map((r: { recipient: string }) => r.recipient)).toEqual([
        'Beta Studio',
        'Acme Agency (deleted)',
        'Acme Agency (deleted)',
      ]);
      expect((await cli(['recipient', 'delete', vault, 'Acme Agency'])).code).toBe(4);
    },
    MANY_PROCESSES_MS,
  );
});
