import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const ADAPTERS = ['src/main/ipc', 'src/cli', 'src/renderer', 'src/main/session'];

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(join(ROOT, path)).isDirectory()) return sources(path);
    return /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

/** What an adapter must not do: it parses, calls core (src/main/core/use-cases/vault-use-cases.ts), formats. */
const FORBIDDEN: [string, RegExp][] = [
  ['opens a transaction', /\.transaction\(/],
  ['appends a history event', /\bevents\.append\(|\.append\(\{\s*kind:/],
  [
    'builds a store of its own',
    /new (RecipientStore|TokenStore|AccountStore|EndpointStore|HandoffService|EventLog)\(/,
  ],
  ['reaches the database', /\b(vault|requireVault\(\))\.db(\.|\)|,)/],
  [
    'writes through a store instead of a use case',
    /\.(tokens|accounts|endpoints|recipients|handoffs|links)\.(create|update|delete|importMany|reveal|add|remove|assign|unassign|edit|export|importBundle|endEngagement|setFields|replaceValue|setEnabled)\(|\.lifecycle\.(?!usage\(|stateAt\(|statesAt\(|statesWithClocks\()\w+\(/,
  ],
  [
    'applies a profile rule',
    /statusLockedRoles|maxPerAccount|maxPrimaryPerAccount|onePerAssignee|\.valueFormat\?*\.roles/,
  ],
  ['counts events to infer a change', /events\.count\(\)/],
];

describe('the adapters are thin: rules, transactions and history live in core', () => {
  it('the patterns catch what the adapters did before the use-case layer', () => {
    const before = [
      'return vault.db.transaction(() => {',
      'listRecipients: (session) => new RecipientStore(session.requireVault().db).list(),',
      'session.requireVault().lifecycle.delete(input.id, { force: input.force ?? false });',
      'vault.tokens.importMany(vault.accounts.resolve(options.account).id, rows),',
      'const statusLocked = rule?.statusLockedRoles?.includes(token.role) ?? false;',
      'const before = vault.events.count();',
    ];
    for (const line of before)
      expect({ line, caught: FORBIDDEN.some(([, pattern]) => pattern.test(line)) }).toEqual({
        line,
        caught: true,
      });
    for (const line of ['session.requireVault().lifecycle.usage(input.id)', 'doc.tokens.map((t) => t.name)'])
      expect({ line, caught: FORBIDDEN.some(([, pattern]) => pattern.test(line)) }).toEqual({
        line,
        caught: false,
      });
  });

  it('no IPC handler, CLI command, session or renderer file opens a transaction, writes an event or applies a rule', () => {
    const found: string[] = [];
    for (const dir of ADAPTERS)
      for (const file of sources(dir)) {
        const text = readFileSync(join(ROOT, file), 'utf8');
        for (const [what, pattern] of FORBIDDEN)
          if (pattern.test(text)) found.push(`${relative(ROOT, join(ROOT, file))} ${what}`);
      }
    expect(found).toEqual([]);
  });
});
