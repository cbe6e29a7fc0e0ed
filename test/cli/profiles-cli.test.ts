import { beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateTokenValue } from '../../src/main/core/crypto/token-generator';
import { Vault } from '../../src/main/core/vault/vault';
import { ensureCliBuilt, runCli, type CliResult } from '../helpers/run-cli';
import { makeTempDir } from '../helpers/temp-dir';
import { TEST_PASSWORD } from '../helpers/vault-fixture';

beforeAll(() => ensureCliBuilt(), 120_000);

/** Dozens of CLI processes in one test; each start can take seconds on a loaded machine. */
const MANY_PROCESSES_MS = 300_000;

async function cliVault() {
  const dir = makeTempDir();
  const passwordFile = join(dir, 'pw.txt');
  writeFileSync(passwordFile, `${TEST_PASSWORD}\n`);
  const vault = join(dir, 'rules.tokenvault');
  (await Vault.create(vault, { password: TEST_PASSWORD, operator: 'cli' })).vault.lock();
  const env = { TOKENVAULT_PASSWORD_FILE: passwordFile };
  const cli = (...args: string[]) => runCli(args, { env });
  const valueFile = (name: string, value: string) => {
    const path = join(dir, name);
    writeFileSync(path, `${value}\n`);
    return path;
  };
  // What a platform that issues its values would have issued: pasted, since nothing can be generated for it.
  let issuedCount = 0;
  const issued = () => [
    '--value-file',
    valueFile(`issued-${++issuedCount}`, generateTokenValue({ length: 40 })),
  ];
  return { dir, vault, cli, valueFile, issued };
}

/** Refused by a profile rule: exit 5, one line on stderr with the rule's sentence, nothing on stdout. */
function expectPolicyExit(result: CliResult, sentence: RegExp): void {
  expect(result.code, result.stderr).toBe(5);
  expect(result.stdout).toBe('');
  expect(result.stderr.trim().split('\n')).toHaveLength(1);
  expect(result.stderr).toMatch(sentence);
}

function expectOk(result: CliResult): string {
  expect(result.code, result.stderr).toBe(0);
  return result.stdout.trim();
}

describe(
  'tokenvault: profile rules on the command line (exit 5 for a refusal)',
  { timeout: MANY_PROCESSES_MS },
  () => {
    it('account add takes every profile, refuses an unknown one (exit 2)', async () => {
      const { vault, cli } = await cliVault();
      for (const profile of ['engaging-networks', 'on24', 'endpoint', 'emplifi', 'generic'])
        expectOk(await cli('account', 'add', vault, '--name', profile, '--profile', profile));
      const unknown = await cli('account', 'add', vault, '--name', 'X', '--profile', 'salesforce');
      expect(unknown.code).toBe(2);
      expect(unknown.stderr).toMatch(/Unknown profile "salesforce"/);
      const listed = JSON.parse(expectOk(await cli('account', 'list', vault, '--json'))) as {
        profile: string;
      }[];
      expect(listed.map((a) => a.profile).sort()).toEqual([
        'emplifi',
        'endpoint',
        'engaging-networks',
        'generic',
        'on24',
      ]);
    });

    it('Engaging Networks: one public token; private tokens need a user', async () => {
      const { vault, cli, issued } = await cliVault();
      expectOk(await cli('account', 'add', vault, '--name', 'EN', '--profile', 'engaging-networks'));
      expectOk(
        await cli(
          'token',
          'add',
          vault,
          '--account',
          'EN',
          '--name',
          'Widgets',
          '--kind',
          'public',
          ...issued(),
        ),
      );
      expectPolicyExit(
        await cli(
          'token',
          'add',
          vault,
          '--account',
          'EN',
          '--name',
          'Again',
          '--kind',
          'public',
          ...issued(),
        ),
        /already has its public token \("Widgets"\); Engaging Networks allows one per account/,
      );
      expectPolicyExit(
        await cli('token', 'add', vault, '--account', 'EN', '--name', 'Sync', ...issued()),
        /In Engaging Networks accounts, a private token must be assigned to a user\./,
      );
      expectOk(
        await cli(
          'token',
          'add',
          vault,
          '--account',
          'EN',
          '--name',
          'Sync',
          '--assigned-to',
          'ana',
          ...issued(),
        ),
      );
      expectPolicyExit(
        await cli(
          'token',
          'add',
          vault,
          '--account',
          'EN',
          '--name',
          'B',
          '--kind',
          'bearer',
          '--assigned-to',
          'x',
          ...issued(),
        ),
        /Engaging Networks accounts hold "public" or "private" tokens, not "bearer"/,
      );
      // Engaging Networks cannot turn an invalidated token back on: only the new value it issued brings it back.
      const listed = JSON.parse(expectOk(await cli('token', 'list', vault, '--json'))) as {
        id: number;
        name: string;
      }[];
      const sync = listed.find((t) => t.name === 'Sync')!.id;
      expectOk(await cli('token', 'invalidate', vault, String(sync)));
      expectPolicyExit(
        await cli('token', 'validate', vault, String(sync)),
        /Engaging Networks cannot turn an invalidated token back on; it issues a new one\. Record the new value it issued for "Sync" by regenerating it/,
      );
      expect(expectOk(await cli('token', 'regenerate', vault, String(sync), ...issued()))).toMatch(
        /^Recorded: token \d+ "Sync" has the new value Engaging Networks issued and is valid again; 1 previous value\(s\) kept\.$/,
      );
      expect(JSON.parse(expectOk(await cli('token', 'show', vault, String(sync), '--json'))).status).toBe(
        'active',
      );
    });

    it('ON24: key + secret with its token key, one per producer login', async () => {
      const { vault, cli, issued } = await cliVault();
      expectOk(await cli('account', 'add', vault, '--name', 'ON24', '--profile', 'on24'));
      expectPolicyExit(
        await cli(
          'token',
          'add',
          vault,
          '--account',
          'ON24',
          '--name',
          'Salesforce',
          '--assigned-to',
          'producer',
          ...issued(),
        ),
        /needs its token key recorded/,
      );
      expectPolicyExit(
        await cli(
          'token',
          'add',
          vault,
          '--account',
          'ON24',
          '--name',
          'Salesforce',
          '--key-id',
          'K1',
          ...issued(),
        ),
        /must be assigned to a producer login/,
      );
      const id = expectOk(
        await cli(
          'token',
          'add',
          vault,
          '--account',
          'ON24',
          '--name',
          'Salesforce',
          '--key-id',
          'K1',
          '--assigned-to',
          'producer',
          ...issued(),
        ),
      );
      expectPolicyExit(
        await cli(
          'token',
          'add',
          vault,
          '--account',
          'ON24',
          '--name',
          'Marketo',
          '--key-id',
          'K2',
          '--assigned-to',
          'PRODUCER',
          ...issued(),
        ),
        /each producer login has one token, and "PRODUCER" already has "Salesforce"/,
      );
      expect(JSON.parse(expectOk(await cli('token', 'show', vault, id, '--json')))).toMatchObject({
        kind: 'key-secret',
        keyId: 'K1',
        assignedTo: 'producer',
      });
    });

    it('endpoint: secondaries are 64 alphanumerics, roles are primary or secondary', async () => {
      const { vault, cli, valueFile } = await cliVault();
      expectOk(await cli('account', 'add', vault, '--name', 'Hub', '--profile', 'endpoint'));
      expectPolicyExit(
        await cli(
          'token',
          'add',
          vault,
          '--account',
          'Hub',
          '--name',
          'App',
          '--value-file',
          valueFile('v40', generateTokenValue({ length: 40 })),
        ),
        /secondary token's value is exactly 64 letters and digits/,
      );
      expectPolicyExit(
        await cli('token', 'add', vault, '--account', 'Hub', '--name', 'App', '--generate', '--length', '32'),
        /exactly 64 letters and digits/,
      );
      const app = expectOk(
        await cli('token', 'add', vault, '--account', 'Hub', '--name', 'App', '--generate'),
      );
      expect(expectOk(await cli('token', 'reveal', vault, app))).toMatch(/^[A-Za-z0-9]{64}$/);
      expectPolicyExit(
        await cli(
          'token',
          'add',
          vault,
          '--account',
          'Hub',
          '--name',
          'P',
          '--role',
          'standalone',
          '--kind',
          'bearer',
          '--generate',
        ),
        /Endpoint accounts hold "endpoint-token" tokens, not "bearer"/,
      );
      const primary = expectOk(
        await cli(
          'token',
          'add',
          vault,
          '--account',
          'Hub',
          '--name',
          'POST',
          '--role',
          'primary',
          '--value-file',
          valueFile('p', 'primary-value-1'),
        ),
      );
      expect(JSON.parse(expectOk(await cli('token', 'show', vault, primary, '--json'))).role).toBe('primary');
    });

    it('Emplifi: description required, ten bearer tokens with one primary, the primary only replaced', async () => {
      const { dir, vault, cli, valueFile, issued } = await cliVault();
      expectOk(await cli('account', 'add', vault, '--name', 'Emplifi', '--profile', 'emplifi'));
      expectPolicyExit(
        await cli('token', 'add', vault, '--account', 'Emplifi', '--name', 'Agency', ...issued()),
        /Emplifi Ratings & Reviews requires a description for every token/,
      );
      const primary = expectOk(
        await cli(
          'token',
          'add',
          vault,
          '--account',
          'Emplifi',
          '--name',
          'Primary',
          '--role',
          'primary',
          ...issued(),
        ),
      );
      expect(JSON.parse(expectOk(await cli('token', 'show', vault, primary, '--json'))).description).toBe(
        'Emplifi Primary Token',
      );
      expectPolicyExit(
        await cli(
          'token',
          'add',
          vault,
          '--account',
          'Emplifi',
          '--name',
          'P2',
          '--role',
          'primary',
          '--description',
          'x',
          ...issued(),
        ),
        /already has its primary bearer token \("Primary"\)/,
      );
      const rows = Array.from({ length: 9 }, (_, i) => ({
        name: `Partner ${i + 1}`,
        kind: 'bearer',
        description: `Partner ${i + 1} access`,
        value: generateTokenValue({ length: 40 }),
      }));
      writeFileSync(join(dir, 'partners.json'), JSON.stringify(rows));
      expect(
        expectOk(
          await cli('token', 'import', vault, '--account', 'Emplifi', '--file', join(dir, 'partners.json')),
        ),
      ).toBe('9');
      expectPolicyExit(
        await cli(
          'token',
          'add',
          vault,
          '--account',
          'Emplifi',
          '--name',
          'Eleventh',
          '--description',
          'one too many',
          ...issued(),
        ),
        /allows at most 10 bearer tokens per account, and "Emplifi" already has 10/,
      );
      for (const verb of ['validate', 'invalidate'])
        expectPolicyExit(
          await cli('token', verb, vault, primary),
          /primary bearer token of Emplifi Ratings & Reviews cannot be validated or invalidated from the manager, only replaced/,
        );
      expectPolicyExit(
        await cli('token', 'regenerate', vault, primary),
        /Emplifi Ratings & Reviews issues the values of its bearer tokens itself: paste the value it issued/,
      );
      const newValue = generateTokenValue({ length: 48 });
      expect(
        expectOk(
          await cli('token', 'regenerate', vault, primary, '--value-file', valueFile('issued', newValue)),
        ),
      ).toMatch(/has the new value Emplifi issued; 1 previous value\(s\) kept/);
      expect(expectOk(await cli('token', 'reveal', vault, primary))).toBe(newValue);
    });

    it('generic: no limits', async () => {
      const { vault, cli } = await cliVault();
      expectOk(await cli('account', 'add', vault, '--name', 'Any', '--profile', 'generic'));
      for (const [kind, role] of [
        ['public', 'primary'],
        ['public', 'primary'],
        ['webhook', 'secondary'],
      ] as const)
        expectOk(
          await cli(
            'token',
            'add',
            vault,
            '--account',
            'Any',
            '--name',
            `${kind} ${role}`,
            '--kind',
            kind,
            '--role',
            role,
            '--generate',
          ),
        );
      expect(JSON.parse(expectOk(await cli('token', 'list', vault, '--json')))).toHaveLength(3);
    });
  },
);
