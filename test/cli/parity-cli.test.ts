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

describe(
  'CLI parity with the app: account edit/delete, token edit, endpoint remove, history',
  { timeout: 300_000 },
  () => {
    it('each change is one use case, says whether it changed anything, prints JSON on demand, and is in the history', async () => {
      const dir = makeTempDir();
      const passwordFile = join(dir, 'pw.txt');
      writeFileSync(passwordFile, `${TEST_PASSWORD}\n`);
      const path = join(dir, 'parity.tokenvault');
      const { vault } = await Vault.create(path, { password: TEST_PASSWORD, operator: 'cli' });
      vault.lock();
      const cli = (...args: string[]) => runCli(args, { env: { TOKENVAULT_PASSWORD_FILE: passwordFile } });

      const hub = JSON.parse(
        ok(await cli('account', 'add', path, '--name', 'Hub', '--profile', 'endpoint', '--json')),
      );
      expect(hub).toMatchObject({ name: 'Hub', profile: 'endpoint', allowDelete: false });
      expect(ok(await cli('account', 'edit', path, 'Hub', '--notes', 'Integrations'))).toBe(
        `Saved account ${hub.id} "Hub".`,
      );
      expect(ok(await cli('account', 'edit', path, 'hub', '--notes', 'Integrations'))).toBe(
        `Account ${hub.id} "Hub" was already so.`,
      );
      expect((await cli('account', 'edit', path, 'Hub')).code).toBe(2);

      const token = JSON.parse(
        ok(await cli('token', 'add', path, '--account', 'Hub', '--name', 'Zapier', '--generate', '--json')),
      );
      expect(token).toMatchObject({ name: 'Zapier', role: 'secondary' });
      expect(JSON.stringify(token)).not.toMatch(/"value"/);
      const edited = JSON.parse(
        ok(
          await cli(
            'token',
            'edit',
            path,
            String(token.id),
            '--description',
            'Sync',
            '--application',
            'Zapier',
            '--json',
          ),
        ),
      );
      expect(edited).toMatchObject({ description: 'Sync', application: 'Zapier' });
      expect(ok(await cli('token', 'edit', path, String(token.id), '--application', ''))).toBe(
        `Token ${token.id} "Zapier" saved.`,
      );

      const endpoint = JSON.parse(
        ok(await cli('endpoint', 'add', path, '--account', 'Hub', '--name', '/orders', '--json')),
      );
      ok(await cli('endpoint', 'assign', path, '/orders', '--method', 'GET', '--token', String(token.id)));
      expect(JSON.parse(ok(await cli('endpoint', 'remove', path, '/orders', '--json')))).toEqual({
        removed: true,
        endpoint: '/orders',
      });

      const refused = await cli('account', 'delete', path, 'Hub');
      expect(refused.code).toBe(5);
      ok(await cli('token', 'delete', path, String(token.id)));
      expect(JSON.parse(ok(await cli('account', 'delete', path, 'Hub', '--json')))).toEqual({
        deleted: true,
        id: hub.id,
        name: 'Hub',
      });

      const history = JSON.parse(ok(await cli('history', path, '--json'))) as {
        kind: string;
        details: Record<string, unknown>;
      }[];
      expect(history.map((event) => event.kind)).toEqual([
        'AccountCreated',
        'AccountEdited',
        'Created',
        'Edited',
        'Edited',
        'EndpointAdded',
        'EndpointAssigned',
        'EndpointUnassigned',
        'EndpointRemoved',
        'Deleted',
        'AccountDeleted',
      ]);
      expect(history[1]!.details).toEqual({
        fields: ['notes'],
        changes: { notes: { from: '', to: 'Integrations' } },
      });
      expect(history[8]!.details).toMatchObject({ endpointId: endpoint.id, endpoint: '/orders' });
      const ofToken = JSON.parse(ok(await cli('history', path, '--token', String(token.id), '--json'))) as {
        kind: string;
      }[];
      expect(ofToken.map((event) => event.kind)).toEqual([
        'Created',
        'Edited',
        'Edited',
        'EndpointAssigned',
        'EndpointUnassigned',
        'Deleted',
      ]);
      expect(ok(await cli('history', path))).toMatch(/^#\s+WHEN\s+WHO\s+WHAT\s+ACCOUNT\s+TOKEN\s+DETAILS$/m);
      expect(ok(await cli('verify', path))).toMatch(/^OK/);
    });
  },
);
