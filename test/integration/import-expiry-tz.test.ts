import { afterAll, describe, expect, it } from 'vitest';
import { commitImport } from '../../src/main/core/import/import-commit';
import { previewImport } from '../../src/main/core/import/import-preview';
import { readImportSource } from '../../src/main/core/import/read-import-source';
import { generateTokenValue } from '../../src/main/core/crypto/token-generator';
import { localDayOf } from '../../src/shared/dates';
import { createTestVault } from '../helpers/vault-fixture';

/** East of UTC by 14 hours and west by 8: the start of 1 March is on another UTC day in each. */
const ZONES = [
  ['Pacific/Kiritimati', '2027-02-28T10:00:00.000Z'],
  ['America/Los_Angeles', '2027-03-01T08:00:00.000Z'],
] as const;
const originalZone = process.env.TZ;
// Node reads TZ again whenever it is assigned, so each test runs in its own zone.
afterAll(() => {
  if (originalZone === undefined) delete process.env.TZ;
  else process.env.TZ = originalZone;
});

describe.each(ZONES)('import expiries under TZ=%s', (zone, startOfFirstMarch) => {
  it('a day is that day where the admin is; an instant keeps its zone; an impossible or zoneless date is a refused row', async () => {
    process.env.TZ = zone;
    const { vault } = await createTestVault();
    const source = await readImportSource(
      Buffer.from(
        [
          'name,value,expires',
          `Day,${generateTokenValue()},2027-03-01`,
          `Instant,${generateTokenValue()},2027-03-01T10:00:00+02:00`,
          `Impossible,${generateTokenValue()},2027-02-31`,
          `No zone,${generateTokenValue()},2027-03-01T10:00`,
          `Ambiguous,${generateTokenValue()},03/01/2027`,
        ].join('\n'),
      ),
      { format: 'csv' },
    );
    const preview = previewImport(vault, source);
    expect(preview.rows.map((r) => [r.name, r.expiresAt, r.selected])).toEqual([
      ['Day', startOfFirstMarch, true],
      ['Instant', '2027-03-01T08:00:00.000Z', true],
      ['Impossible', null, false],
      ['No zone', null, false],
      ['Ambiguous', null, false],
    ]);
    const hint =
      'is not a day that exists or a time with its zone. Use a date like 2026-12-31 or 2026-12-31T09:00:00Z.';
    expect(preview.rows[2]!.refusal).toBe(`The expiry "2027-02-31" ${hint}`);
    expect(preview.rows[3]!.refusal).toBe(`The expiry "2027-03-01T10:00" ${hint}`);
    expect(preview.rows[4]!.refusal).toBe(`The expiry "03/01/2027" ${hint}`);

    expect(commitImport(vault, source).imported).toBe(2);
    const day = vault.tokens.forAccount(vault.accounts.resolve('Imported').id).find((t) => t.name === 'Day');
    // What the app's date field shows for the stored expiry is the day the file named.
    expect(localDayOf(day!.expiresAt!)).toBe('2027-03-01');
  });
});
