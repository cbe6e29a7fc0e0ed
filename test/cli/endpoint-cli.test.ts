import { beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Vault } from '../../src/main/core/vault/vault';
import { ensureCliBuilt, runCli, type CliResult } from '../helpers/run-cli';
import { makeTempDir } from '../helpers/temp-dir';
import { TEST_PASSWORD } from '../helpers/vault-fixture';

beforeAll(() => ensureCliBuilt(), 120_000);

function ok(result: CliResult): string {
  expect(result.code, result.stderr).toBe(0);
  return result.stdout.trim();
}

describe('tokenvault endpoint', { timeout: 300_000 }, () => {
  it('add, assign per method (one primary, DELETE only if allowed), show with --hide-unassigned, list --json', async () => {
    const dir = makeTempDir();
    const passwordFile = join(dir, 'pw.txt');
    writeFileSync(passwordFile, `${TEST_PASSWORD}\n`);
    const path = join(dir, 'ep.tokenvault');
    const { vault } = await Vault.create(path, { password: TEST_PASSWORD, operator: 'cli' });
    const hub = vault.accounts.create({ name: 'Hub', profile: 'endpoint' });
    const en = vault.accounts.create({ name: 'EN', profile: 'engaging-networks' });
    const primary = (name: string) =>
      String(vault.tokens.create({ accountId: hub.id, name, role: 'primary', value: `${name}-value` }).id);
    const secondary = (name: string) =>
      String(vault.tokens.create({ accountId: hub.id, name, generate: { length: 64 } }).id);
    const [post, post2, del] = [primary('POST'), primary('POST new'), primary('DELETE')];
    const [crm, idle] = [secondary('CRM'), secondary('Idle')];
    void en;
    vault.lock();
    const cli = (...args: string[]) => runCli(args, { env: { TOKENVAULT_PASSWORD_FILE: passwordFile } });

    const endpointId = ok(await cli('endpoint', 'add', path, '--account', 'Hub', '--name', '/contacts'));
    expect(endpointId).toMatch(/^\d+$/);
    const noEndpoints = await cli('endpoint', 'add', path, '--account', 'EN', '--name', '/x');
    expect(noEndpoints.code).toBe(5);
    expect(noEndpoints.stderr).toMatch(/Engaging Networks accounts have no endpoints/);
    expect(ok(await cli('endpoint', 'assign', path, '/contacts', '--method', 'post', '--token', post))).toBe(
      `Token ${post} now serves POST on "/contacts".`,
    );
    ok(await cli('endpoint', 'assign', path, endpointId, '--method', 'POST', '--token', crm));
    const secondPrimary = await cli(
      'endpoint',
      'assign',
      path,
      '/contacts',
      '--method',
      'POST',
      '--token',
      post2,
    );
    expect(secondPrimary.code).toBe(5);
    expect(secondPrimary.stderr).toMatch(
      /POST on "\/contacts" is already served by the primary token "POST"/,
    );
    const noDelete = await cli('endpoint', 'assign', path, '/contacts', '--method', 'DELETE', '--token', del);
    expect(noDelete.code).toBe(5);
    expect(noDelete.stderr).toMatch(/"Hub" does not allow deleting/);
    expect(
      (await cli('endpoint', 'assign', path, '/contacts', '--method', 'PATCH', '--token', del)).code,
    ).toBe(2);

    const shown = ok(await cli('endpoint', 'show', path, '/contacts'));
    expect(shown).toMatch(/POST\s+\d+ POST/);
    expect(shown).toMatch(/CRM\s+yes\s+POST/);
    expect(shown).toMatch(/Idle\s+yes\s+-/);
    const hidden = ok(await cli('endpoint', 'show', path, '/contacts', '--hide-unassigned'));
    expect(hidden).toMatch(/CRM/);
    expect(hidden).not.toMatch(/Idle/);
    const listed = JSON.parse(ok(await cli('token', 'list', path, '--hide-unassigned', '--json'))) as {
      name: string;
    }[];
    expect(listed.map((t) => t.name)).toEqual(['DELETE', 'POST', 'POST new', 'CRM']);
    expect(JSON.parse(ok(await cli('endpoint', 'list', path, '--json')))).toEqual([
      expect.objectContaining({
        name: '/contacts',
        account: 'Hub',
        assignments: [
          { method: 'POST', tokenId: Number(post), tokenName: 'POST', role: 'primary' },
          { method: 'POST', tokenId: Number(crm), tokenName: 'CRM', role: 'secondary' },
        ],
      }),
    ]);
    expect(
      ok(await cli('endpoint', 'unassign', path, '/contacts', '--method', 'POST', '--token', post)),
    ).toBe(`Token ${post} no longer serves POST on "/contacts".`);
    ok(await cli('endpoint', 'assign', path, '/contacts', '--method', 'POST', '--token', post2));
    const history = JSON.parse(ok(await cli('token', 'history', path, post, '--json'))) as { kind: string }[];
    expect(history.map((e) => e.kind)).toEqual(['Created', 'EndpointAssigned', 'EndpointUnassigned']);
    expect(idle).toMatch(/^\d+$/);
  });
});
