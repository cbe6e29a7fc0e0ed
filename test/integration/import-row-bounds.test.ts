import { describe, expect, it } from 'vitest';
import { readImportSource } from '../../src/main/core/import/read-import-source';
import { bitwardenJson } from '../helpers/import-fixtures';

const bytes = (text: string) => new TextEncoder().encode(text);

/** A KeePass 2 XML export with one entry holding `secrets` protected custom attributes besides its password. */
function keepassXml(secrets: number): string {
  const strings = Array.from(
    { length: secrets },
    (_, i) => `<String><Key>s${i}</Key><Value ProtectInMemory="True">v${i}</Value></String>`,
  ).join('');
  return `<?xml version="1.0" encoding="utf-8"?><KeePassFile><Meta></Meta><Root><Group><Name>Root</Name><Entry><String><Key>Title</Key><Value>Many</Value></String><String><Key>Password</Key><Value ProtectInMemory="True">p</Value></String>${strings}</Entry></Group></Root></KeePassFile>`;
}

describe('rows are counted before each is added, in every reader that emits several rows per item', () => {
  it('a KeePass entry: its password and 99,999 protected attributes are read, one more is refused', async () => {
    const atCap = await readImportSource(bytes(keepassXml(99_999)), { format: 'keepass-xml' });
    expect(atCap.records).toHaveLength(100_000);
    await expect(
      readImportSource(bytes(keepassXml(100_000)), { format: 'keepass-xml' }),
    ).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: 'The database holds more than 100,000 secrets (rows to import), more than one import accepts.',
    });
  });

  it('rows have no prototype: a column only some items have is absent, never a function of Object.prototype', async () => {
    const source = await readImportSource(
      bytes(
        bitwardenJson([
          { name: 'With', password: 'p1', text: [{ name: 'toString', value: 'shown' }] },
          { name: 'Without', password: 'p2' },
        ]),
      ),
      { format: 'bitwarden-json' },
    );
    expect(source.columns).toContain('toString');
    const [withColumn, withoutColumn] = source.records;
    expect(withColumn!.toString).toBe('shown');
    expect(Object.getPrototypeOf(withoutColumn)).toBeNull();
    expect(withoutColumn!.toString).toBeUndefined();
  });
});
