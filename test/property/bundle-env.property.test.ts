import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'dotenv';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bundleEnv, envNames, quoteEnvValue } from '../../src/main/core/handoff/bundle-env';
import type { HandoffDocument, HandoffToken } from '../../src/shared/handoff-format';
import { makeTempDir } from '../helpers/temp-dir';

function token(account: string, name: string, value?: string, keyId: string | null = null): HandoffToken {
  return {
    name,
    account,
    platform: 'generic',
    kind: 'private',
    role: 'standalone',
    ...(value === undefined ? {} : { value }),
    keyId,
    expiresAt: null,
  };
}

function documentOf(tokens: HandoffToken[]): HandoffDocument {
  return {
    format: 'tokenvault-handoff',
    version: 1,
    createdAt: '2026-11-23T10:00:00.000Z',
    from: 'Olivia',
    recipient: 'Agency',
    fields: ['value', 'key-id'],
    tokens,
  };
}

/** What a shell sees after `set -a; . ./tokens.env`: the exported variables, read NUL-separated. */
function sourcedBy(shell: 'bash' | 'dash', dir: string): Map<string, string> {
  const result = spawnSync(
    'env',
    ['-i', 'PATH=/usr/bin:/bin', shell, '-c', 'set -a; . ./tokens.env; exec env -0'],
    {
      cwd: dir,
      encoding: 'buffer',
    },
  );
  expect(result.status).toBe(0);
  const variables = new Map<string, string>();
  for (const entry of result.stdout.toString('utf8').split('\0')) {
    const at = entry.indexOf('=');
    if (at > 0) variables.set(entry.slice(0, at), entry.slice(at + 1));
  }
  return variables;
}

// Pieces a hostile (or merely unlucky) value is made of: command substitutions that would create the canary,
// expansions, both quotes, backslashes, newlines, comment and assignment characters, NUL and CR.
function hostileValue(canary: string) {
  const piece = fc.oneof(
    fc.constantFrom(
      `$(touch ${canary})`,
      `\`touch ${canary}\``,
      `'$(touch ${canary})'`,
      `"; touch ${canary}; "`,
      '$HOME',
      '${HOME}',
      '$1',
      "'",
      '"',
      '\\',
      "'\\''",
      '\\n',
      '\n',
      '\n\n',
      ' ',
      '\t',
      '#',
      '=',
      'X=1',
      '!',
      '*',
      '~',
      'é',
      '🔑',
      '\0',
      '\r\n',
    ),
    fc.string({ minLength: 1, maxLength: 8 }),
  );
  return fc.array(piece, { minLength: 1, maxLength: 8 }).map((pieces) => pieces.join(''));
}

describe('tokens.env is inert and reads back byte for byte in bash, dash and dotenv', () => {
  it('hostile values: every written value is read back exactly by all three; nothing executes', () => {
    const dir = makeTempDir('tv-env-');
    const canary = join(dir, 'canary');
    let omitted = 0;
    let written = 0;
    fc.assert(
      fc.property(
        fc.array(fc.tuple(hostileValue(canary), fc.option(hostileValue(canary), { nil: null })), {
          minLength: 1,
          maxLength: 4,
        }),
        (pairs) => {
          const doc = documentOf(
            pairs.map(([value, keyId], i) => token(i % 2 ? 'Acme' : 'Main', 'Salesforce', value, keyId)),
          );
          const names = envNames(doc);
          const expected = new Map<string, string>();
          doc.tokens.forEach((t, i) => {
            for (const [name, value] of [
              [`${names[i]}_KEY_ID`, t.keyId],
              [names[i]!, t.value],
            ] as const) {
              if (!value) continue;
              if ('quoted' in quoteEnvValue(value)) {
                expected.set(name, value);
                written++;
              } else omitted++;
            }
          });
          const content = bundleEnv(doc);
          writeFileSync(join(dir, 'tokens.env'), content);
          const parsed = parse(content);
          for (const shell of ['bash', 'dash'] as const) {
            const seen = sourcedBy(shell, dir);
            for (const [name, value] of expected)
              expect({ shell, name, value: seen.get(name) }).toEqual({ shell, name, value });
            for (const name of names) if (!expected.has(name)) expect(seen.has(name)).toBe(false);
          }
          for (const [name, value] of expected)
            expect({ name, value: parsed[name] }).toEqual({ name, value });
          expect(Object.keys(parsed).sort()).toEqual([...expected.keys()].sort());
          expect(existsSync(canary)).toBe(false);
        },
      ),
      { numRuns: 200 },
    );
    // The generator reaches both outcomes: values written and values left out.
    expect(written).toBeGreaterThan(50);
    expect(omitted).toBeGreaterThan(10);
  }, 120_000);

  it('values left out say why, in a comment line, and stay out of every reader', () => {
    const doc = documentOf([
      token('Main', 'With NUL', 'a\0b'),
      token('Main', 'With CR', 'a\r\nb'),
      token('Main', 'Mixed', `it's $HOME`),
      token('Main', 'Quote only', "it's fine"),
      token('Main', 'Newline', 'line 1\nline 2'),
    ]);
    expect(bundleEnv(doc)).toBe(
      [
        '# MAIN_WITH_NUL is not written here: its value holds a NUL character, which no shell variable can carry; copy it from tokens.json.',
        '# MAIN_WITH_CR is not written here: its value holds a carriage return, which .env readers turn into a newline; copy it from tokens.json.',
        '# MAIN_MIXED is not written here: its value mixes a single quote with a dollar sign, backtick, backslash or double quote, which shells and .env readers do not read the same way; copy it from tokens.json.',
        `MAIN_QUOTE_ONLY="it's fine"`,
        "MAIN_NEWLINE='line 1\nline 2'",
        '',
      ].join('\n'),
    );
  });

  it('names carry the account: two accounts\u2019 "Salesforce" never collide, and collisions after sanitising are resolved in order', () => {
    const doc = documentOf([
      token('EN main', 'Salesforce', 'v1'),
      token('ON24', 'Salesforce', 'v2', 'k2'),
      token('EN-main', 'Salesforce', 'v3'),
      token('EN main', 'Salesforce 2', 'v4'),
      token('Café', '42 sync', 'v5'),
      token('ÉN', 'Salesforce', 'v6'),
      token('', '!!!', 'v7'),
      token('9', 'lives', 'v8'),
    ]);
    expect(envNames(doc)).toEqual([
      'EN_MAIN_SALESFORCE',
      'ON24_SALESFORCE',
      'EN_MAIN_SALESFORCE_2',
      'EN_MAIN_SALESFORCE_2_2',
      'CAFE_42_SYNC',
      'EN_SALESFORCE',
      'TOKEN',
      'T_9_LIVES',
    ]);
    expect(envNames(doc)).toEqual(envNames(documentOf([...doc.tokens])));
    // A token named like another's key id does not take its name.
    expect(
      envNames(documentOf([token('A', 'B', 'v', 'k'), token('A', 'B key id', 'w'), token('A', 'B', 'x')])),
    ).toEqual(['A_B', 'A_B_KEY_ID_2', 'A_B_2']);
  });
});
