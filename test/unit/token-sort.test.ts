import { describe, expect, it } from 'vitest';
import type { TokenMeta } from '../../src/shared/model';
import { compareTokens } from '../../src/shared/token-order';
import { sortTokens } from '../../src/shared/token-sort';

let nextId = 1;
function token(fields: Partial<TokenMeta> & { name: string }): TokenMeta {
  return {
    id: nextId++,
    accountId: 1,
    accountName: 'Own API',
    kind: 'api-token',
    role: 'standalone',
    status: 'active',
    enabled: true,
    description: '',
    keyId: null,
    assignedTo: null,
    application: null,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    generatedAt: null,
    lastActivityAt: null,
    expiresAt: null,
    valueLength: 32,
    previousValueCount: 0,
    ...fields,
  } as TokenMeta;
}

const names = (tokens: TokenMeta[]) => tokens.map((t) => t.name);

describe('token order and sort options', () => {
  it('sorts names as a person reads them: key 2 before key 10, case aside', () => {
    const list = ['key 10', 'Key 2', 'key 11', 'key 1'].map((name) => token({ name })).sort(compareTokens);
    expect(names(list)).toEqual(['key 1', 'Key 2', 'key 10', 'key 11']);
  });

  it('by last activity and by creation: newest first, never-used last; ties by name', () => {
    const list = [
      token({ name: 'b', lastActivityAt: null, createdAt: '2026-03-01T00:00:00.000Z' }),
      token({ name: 'a', lastActivityAt: '2026-02-01T00:00:00.000Z', createdAt: '2026-01-01T00:00:00.000Z' }),
      token({ name: 'c', lastActivityAt: '2026-05-01T00:00:00.000Z', createdAt: '2026-01-01T00:00:00.000Z' }),
    ].sort(compareTokens);
    expect(names(sortTokens(list, 'last-activity', false))).toEqual(['c', 'a', 'b']);
    expect(names(sortTokens(list, 'created', false))).toEqual(['b', 'a', 'c']);
  });

  it('grouped by account: accounts by name, the chosen order inside each; by name alone the list is kept', () => {
    const list = [
      token({ name: 'x 10', accountId: 2, accountName: 'Zeta' }),
      token({ name: 'x 9', accountId: 2, accountName: 'Zeta' }),
      token({ name: 'y', accountId: 3, accountName: 'alpha' }),
    ].sort(compareTokens);
    expect(names(sortTokens(list, 'name', true))).toEqual(['y', 'x 9', 'x 10']);
    expect(names(sortTokens(list, 'account', false))).toEqual(['y', 'x 9', 'x 10']);
    expect(sortTokens(list, 'name', false)).toBe(list);
  });
});
