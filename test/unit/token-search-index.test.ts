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

/** Builds the sets within the search that starts them, so each query below is answered from them. */
const AT_ONCE = { turn: (work: () => void) => work(), sliceMs: Infinity };

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
        fc.constantFrom(undefined, 0, 600),
        fc.boolean(),
        (rows, queries, budget, quads) => {
          const tokens = rows.map((row, i) => meta(i + 1, { ...row, name: row.name || `t${i}` }));
          // A budget of 0 or 600 bytes leaves all or some tokens unindexed: tested one by one, still exact.
          // Sets of four characters, made only for big vaults, here for any size when `quads`.
          const index = new TokenSearchIndex(budget, quads ? 0 : undefined, AT_ONCE);
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
    const index = new TokenSearchIndex(undefined, undefined, AT_ONCE);
    index.load([meta(1, { name: 'alpha', description: 'beta' }), meta(2, { name: 'gamma' })]);
    expect(index.query({ search: 'ab' })).toEqual([]);
    expect(index.query({ search: 'hab' })).toEqual([]);
    expect(index.query({ search: 'alpha beta' }).map((t) => t.id)).toEqual([1]);
    expect(index.query({}).map((t) => t.id)).toEqual([1, 2]);
  });

  it('a term whose every triple (or group of four) is in a token, but not together, does not match it', () => {
    for (const quadsFrom of [undefined, 0]) {
      const index = new TokenSearchIndex(undefined, quadsFrom, AT_ONCE);
      index.load([meta(1, { name: 'abcx bcde', description: 'abcdy' }), meta(2, { name: 'xabcdex' })]);
      expect(index.query({ search: 'abcde' }).map((t) => t.id)).toEqual([2]);
      expect(index.query({ search: 'bcde' }).map((t) => t.id)).toEqual([1, 2]);
      expect(index.query({ search: 'abcd' }).map((t) => t.id)).toEqual([1, 2]);
    }
  });

  it('tokens added, changed and removed one by one answer as a fresh load and as a scan do', () => {
    const fields = fc.record({
      name: text,
      description: text,
      keyId: fc.option(text, { nil: null }),
      status: fc.constantFrom('active' as const, 'inactive' as const),
      role: fc.constantFrom('standalone' as const, 'primary' as const),
    });
    const step = fc.oneof(
      fc.record({ op: fc.constant('upsert' as const), id: fc.integer({ min: 1, max: 40 }), fields }),
      fc.record({ op: fc.constant('remove' as const), id: fc.integer({ min: 1, max: 40 }) }),
      fc.record({ op: fc.constant('query' as const), search: text }),
    );
    fc.assert(
      fc.property(
        fc.array(fields, { maxLength: 30 }),
        fc.array(step, { minLength: 1, maxLength: 40 }),
        fc.array(fc.tuple(text, fc.option(fc.constantFrom(1, 2, 3), { nil: undefined })), {
          minLength: 1,
          maxLength: 6,
        }),
        fc.boolean(),
        (initial, steps, queries, quads) => {
          const held = new Map<number, TokenMeta>();
          initial.forEach((row, i) => held.set(i + 1, meta(i + 1, { ...row, name: row.name || `t${i}` })));
          const index = new TokenSearchIndex(undefined, quads ? 0 : undefined, AT_ONCE);
          index.load([...held.values()]);
          for (const change of steps) {
            if (change.op === 'upsert') {
              const token = meta(change.id, {
                ...change.fields,
                name: change.fields.name || `t${change.id}`,
              });
              held.set(change.id, token);
              index.upsert(token);
            } else if (change.op === 'remove') {
              held.delete(change.id);
              index.remove(change.id);
            } else {
              // A search between changes builds the sets, which later changes must then keep up to date.
              expect(index.query({ search: change.search }).map((t) => t.id)).toEqual(
                naive([...held.values()], change.search, {}).map((t) => t.id),
              );
            }
          }
          const fresh = new TokenSearchIndex(undefined, undefined, AT_ONCE);
          fresh.load([...held.values()]);
          expect(index.size).toBe(held.size);
          for (const [search, accountId] of [['', undefined] as const, ...queries]) {
            const expected = naive([...held.values()], search, { accountId }).map((t) => t.id);
            expect(index.query({ search, accountId }).map((t) => t.id)).toEqual(expected);
            expect(fresh.query({ search, accountId }).map((t) => t.id)).toEqual(expected);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('a bitmap grown past its first size and a list turned into a bitmap keep every member', () => {
    const tokens = Array.from({ length: 200 }, (_, i) =>
      meta(i + 1, { name: i % 2 ? `odd ${i}` : `even ${i}` }),
    );
    const index = new TokenSearchIndex(undefined, undefined, AT_ONCE);
    index.load(tokens.slice(0, 100));
    expect(index.query({ search: 'odd' })).toHaveLength(50);
    for (const token of tokens.slice(100)) index.upsert(token);
    expect(index.query({ search: 'odd' }).map((t) => t.id)).toEqual(
      naive(tokens, 'odd', {}).map((t) => t.id),
    );
    expect(index.query({ search: 'ev' })).toHaveLength(100);
    for (const token of tokens.filter((t) => t.id % 3 === 0)) index.remove(token.id);
    const left = tokens.filter((t) => t.id % 3 !== 0);
    for (const search of ['odd', 'ev', 'n 1', 'd 19', '']) {
      expect(index.query({ search }).map((t) => t.id)).toEqual(naive(left, search, {}).map((t) => t.id));
    }
  });
});
