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
function naive(tokens: Iterable<TokenMeta>, search: string, accountId?: number): number[] {
  const terms = search.toLowerCase().split(/\s+/).filter(Boolean);
  return [...tokens]
    .sort(compareTokens)
    .filter((t) => {
      if (accountId !== undefined && t.accountId !== accountId) return false;
      const fields = [t.name, t.description, t.assignedTo, t.application, t.keyId, t.kind, t.accountName]
        .filter(Boolean)
        .map((f) => f!.toLowerCase());
      return terms.every((term) => fields.some((field) => field.includes(term)));
    })
    .map((t) => t.id);
}

/** A scheduler the test turns by hand: each slice is one step of the build (256 tokens, or the layout). */
function byHand() {
  const waiting: (() => void)[] = [];
  return {
    scheduler: { turn: (work: () => void) => void waiting.push(work), sliceMs: 0 },
    waiting,
    /** Runs the next slice; false when none is waiting. */
    step(): boolean {
      const work = waiting.shift();
      work?.();
      return work !== undefined;
    },
  };
}

const text = fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'A', 'é', ' ', '1'), maxLength: 8 });

describe('TokenSearchIndex before, while and after its sets are built in the background', () => {
  it('the first search after load answers what later searches answer, and starts the build without waiting for it', () => {
    const tokens = Array.from({ length: 1000 }, (_, i) =>
      meta(i + 1, { name: `${['alpha', 'beta', 'gamma'][i % 3]} key ${i}`, description: `owner ${i % 7}` }),
    );
    const clock = byHand();
    const index = new TokenSearchIndex(undefined, undefined, clock.scheduler);
    index.load(tokens);
    const searches = ['a', 'al', 'alp', 'alpha', 'alpha 1', 'alpha 12', 'owner 3', 'key 99', 'zzz'];
    const first = searches.map((search) => index.query({ search }).map((t) => t.id));
    // Answered by testing every token: the build was only scheduled.
    expect(index.setsReady).toBe(false);
    expect(clock.waiting).toHaveLength(1);
    let slices = 0;
    while (clock.step()) slices++;
    expect(slices).toBeGreaterThan(4);
    expect(index.setsReady).toBe(true);
    const later = searches.map((search) => index.query({ search }).map((t) => t.id));
    expect(later).toEqual(first);
    expect(later).toEqual(searches.map((search) => naive(tokens, search)));
    expect(later[0]!.length).toBeGreaterThan(600);
  });

  it('searches, writes and slices of the build in any order: every answer is a scan of every token', () => {
    const fields = fc.record({ name: text, description: text, keyId: fc.option(text, { nil: null }) });
    const step = fc.oneof(
      fc.record({ op: fc.constant('upsert' as const), id: fc.integer({ min: 1, max: 700 }), fields }),
      fc.record({ op: fc.constant('remove' as const), id: fc.integer({ min: 1, max: 700 }) }),
      fc.record({
        op: fc.constant('query' as const),
        search: text,
        accountId: fc.option(fc.constantFrom(1, 2, 3), { nil: undefined }),
      }),
      fc.record({ op: fc.constant('slice' as const), count: fc.integer({ min: 1, max: 6 }) }),
      fc.record({ op: fc.constant('start' as const) }),
    );
    fc.assert(
      fc.property(
        // Past 256 tokens, so that a build takes several slices and writes can land between them.
        fc.array(fields, { minLength: 300, maxLength: 600 }),
        fc.array(step, { minLength: 1, maxLength: 30 }),
        fc.boolean(),
        (initial, steps, quads) => {
          const held = new Map<number, TokenMeta>();
          initial.forEach((row, i) => held.set(i + 1, meta(i + 1, { ...row, name: row.name || `t${i}` })));
          const clock = byHand();
          const index = new TokenSearchIndex(undefined, quads ? 0 : undefined, clock.scheduler);
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
            } else if (change.op === 'query') {
              const { search, accountId } = change;
              expect(index.query({ search, accountId }).map((t) => t.id)).toEqual(
                naive(held.values(), search, accountId),
              );
            } else if (change.op === 'slice') {
              for (let i = 0; i < change.count; i++) clock.step();
            } else {
              index.startBuilding();
            }
          }
          index.startBuilding();
          while (clock.step());
          expect(index.setsReady).toBe(true);
          for (const search of ['a', 'ab', 'abc', 'a b', 'é1', 'abca']) {
            expect(index.query({ search }).map((t) => t.id)).toEqual(naive(held.values(), search));
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('a search that narrows the one before tests only what it answered, and a write in between is seen', () => {
    const clock = byHand();
    const index = new TokenSearchIndex(undefined, undefined, clock.scheduler);
    const tokens = [
      meta(1, { name: 'stripe prod' }),
      meta(2, { name: 'stripe dev' }),
      meta(3, { name: 'slack' }),
    ];
    index.load(tokens);
    expect(index.query({ search: 's' }).map((t) => t.id)).toEqual([3, 2, 1]);
    expect(index.query({ search: 'st' }).map((t) => t.id)).toEqual([2, 1]);
    // Not inside the earlier answer: a new token that matches must still be found.
    index.upsert(meta(4, { name: 'stripe test' }));
    expect(index.query({ search: 'str' }).map((t) => t.id)).toEqual([2, 1, 4]);
    // A broader search than the one before is not narrowed from it.
    expect(index.query({ search: 's' }).map((t) => t.id)).toEqual([3, 2, 1, 4]);
    expect(index.query({ search: 'dev stripe' }).map((t) => t.id)).toEqual([2]);
    expect(index.query({ search: 'stripe', accountId: 2 }).map((t) => t.id)).toEqual([1, 4]);
    expect(index.setsReady).toBe(false);
  });

  it('stopped, the build runs no further; started again, it completes', () => {
    const clock = byHand();
    const index = new TokenSearchIndex(undefined, undefined, clock.scheduler);
    const tokens = Array.from({ length: 600 }, (_, i) => meta(i + 1, { name: `n${i}` }));
    index.load(tokens);
    index.startBuilding();
    clock.step();
    index.stopBuilding();
    while (clock.step());
    expect(index.setsReady).toBe(false);
    index.startBuilding();
    while (clock.step());
    expect(index.setsReady).toBe(true);
    expect(index.query({ search: 'n59' }).map((t) => t.id)).toEqual(naive(tokens, 'n59'));
    expect(index.query({ search: 'n59' })).toHaveLength(11);
  });
});
