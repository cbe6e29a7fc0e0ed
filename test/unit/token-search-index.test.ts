import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TokenMeta } from '../../src/shared/model';
import { TokenSearchIndex } from '../../src/shared/token-search-index';
import { compareTokens } from '../../src/shared/token-order';

function meta(id: number, fields: Partial<TokenMeta>): TokenMeta {
  return {
    id,
    accountId: (id % 3) + 1,
    accountName: 'Main',
    name: `token ${id}`,
    kind: 'private',
    role: 'standalone',
    description: '',
    keyId: null,
    status: id % 4 ? 'active' : 'inactive',
    enabled: true,
    assignedTo: null,
    application: null,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    generatedAt: null,
    lastActivityAt: null,
    expiresAt: null,
    valueLength: 40,
    previousValueCount: 0,
    ...fields,
  };
}

/** The definition: every term is a substring of one field (lower case), the filters hold, list order. */
function naive(tokens: TokenMeta[], search: string, filters: { accountId?: number; status?: 'active' }) {
  const terms = search.toLowerCase().split(/\s+/).filter(Boolean);
  return [...tokens].sort(compareTokens).filter((t) => {
    if (filters.accountId !== undefined && t.accountId !== filters.accountId) return false;
    if (filters.status !== undefined && t.status !== filters.status) return false;
    const fields = [t.name, t.description, t.assignedTo, t.application, t.keyId, t.kind, t.accountName]
      .filter(Boolean)
      .map((f) => f!.toLowerCase());
    return terms.every((term) => fields.some((field) => field.includes(term)));
  });
}

const text = fc.string({
  unit: fc.constantFrom('a', 'b', 'A', 'é', 'É', ' ', '_', '1', '🔑', 'ß', 'İ'),
  maxLength: 12,
});

describe('TokenSearchIndex answers exactly what a scan of every token answers', () => {
  it('random tokens, random queries and filters: the same tokens in the same order', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ name: text, description: text, keyId: fc.option(text, { nil: null }) }), {
          maxLength: 80,
        }),
        fc.array(fc.tuple(text, fc.option(fc.constantFrom(1, 2, 3), { nil: undefined }), fc.boolean()), {
          minLength: 1,
          maxLength: 10,
        }),
        (rows, queries) => {
          const tokens = rows.map((row, i) => meta(i + 1, { ...row, name: row.name || `t${i}` }));
          const index = new TokenSearchIndex();
          index.load(tokens);
          for (const [search, accountId, activeOnly] of queries) {
            const filters = { accountId, ...(activeOnly ? { status: 'active' as const } : {}) };
            expect(index.query({ search, ...filters }).map((t) => t.id)).toEqual(
              naive(tokens, search, filters).map((t) => t.id),
            );
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('a term never matches across two fields, and no search returns everything', () => {
    const index = new TokenSearchIndex();
    index.load([meta(1, { name: 'alpha', description: 'beta' }), meta(2, { name: 'gamma' })]);
    expect(index.query({ search: 'ab' })).toEqual([]);
    expect(index.query({ search: 'hab' })).toEqual([]);
    expect(index.query({ search: 'alpha beta' }).map((t) => t.id)).toEqual([1]);
    expect(index.query({}).map((t) => t.id)).toEqual([1, 2]);
  });
});
