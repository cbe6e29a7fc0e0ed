import type { Endpoint, EndpointTokenView } from '../../main/core/endpoints/endpoint-store';
import type { Vault } from '../../main/core/vault/vault';
import { HTTP_METHODS } from '../../shared/profiles';
import { printJson, printLine, printTable } from '../output';
import { withVault } from '../open-vault';
import { addUnlockOptions, type UnlockOptions } from '../unlock-options';
import { UsageError } from '../usage-error';
import type { CliGroups } from './cli-groups';
import { parseId, tokenJson } from './token-commands';

type AccountOption = { account?: string };

function resolveEndpoint(vault: Vault, nameOrId: string, account?: string): Endpoint {
  const accountId = account !== undefined ? vault.accounts.resolve(account).id : undefined;
  return vault.endpoints.resolve(nameOrId, accountId);
}

function parseMethodOption(text: string): string {
  const method = text.toUpperCase();
  if (!(HTTP_METHODS as readonly string[]).includes(method))
    throw new UsageError('--method is POST, GET or DELETE.');
  return method;
}

export function endpointJson(endpoint: Endpoint) {
  return {
    id: endpoint.id,
    accountId: endpoint.accountId,
    account: endpoint.accountName,
    name: endpoint.name,
    createdAt: endpoint.createdAt,
    assignments: endpoint.assignments,
  };
}

function viewJson(view: EndpointTokenView) {
  return {
    endpoint: endpointJson(view.endpoint),
    primaries: view.primaries,
    secondaries: view.secondaries.map((entry) => ({ ...tokenJson(entry.token), methods: entry.methods })),
  };
}

/** endpoint add/list/show/assign/unassign: an account's endpoints and which token serves which method there. */
export function registerEndpointCommands(groups: CliGroups): void {
  const endpoint = groups.endpoint;

  addUnlockOptions(
    endpoint
      .command('add')
      .description('add an endpoint to an account (endpoint or generic profile); prints its id')
      .argument('<vault>')
      .requiredOption('--account <account>', 'account name or id')
      .requiredOption('--name <name>', 'endpoint name or path, e.g. /contacts')
      .option('--json', 'print the endpoint as JSON'),
  ).action(
    async (path: string, options: UnlockOptions & { account: string; name: string; json?: boolean }) => {
      const { result: added } = await withVault(path, options, (vault) =>
        vault.useCases.addEndpoint(vault.accounts.resolve(options.account).id, options.name),
      );
      if (options.json) return printJson(added);
      printLine(String(added.id));
    },
  );

  addUnlockOptions(
    endpoint
      .command('remove')
      .description('remove an endpoint; the tokens that served it stay, each unassigned in its history')
      .argument('<vault>')
      .argument('<endpoint>', 'endpoint name or id')
      .option('--account <account>', 'the account, when two accounts have an endpoint of that name')
      .option('--json', 'print { removed, endpoint } as JSON'),
  ).action(
    async (path: string, name: string, options: UnlockOptions & AccountOption & { json?: boolean }) => {
      const { result } = await withVault(path, options, (vault) =>
        vault.useCases.removeEndpoint(resolveEndpoint(vault, name, options.account).id),
      );
      if (options.json) return printJson(result);
      printLine(`Endpoint "${result.endpoint}" removed.`);
    },
  );

  addUnlockOptions(
    endpoint
      .command('list')
      .description('list endpoints and the tokens serving each method')
      .argument('<vault>')
      .option('--account <account>', 'only this account (name or id)')
      .option('--json', 'print JSON'),
  ).action(async (path: string, options: UnlockOptions & AccountOption & { json?: boolean }) => {
    const list = await withVault(path, options, (vault) =>
      vault.endpoints.list(
        options.account !== undefined ? vault.accounts.resolve(options.account).id : undefined,
      ),
    );
    if (options.json) return printJson(list.map(endpointJson));
    if (list.length === 0)
      return printLine('No endpoints. Add one with: tokenvault endpoint add VAULT --account A --name /path');
    printTable(
      ['ID', 'ACCOUNT', 'ENDPOINT', 'METHOD', 'TOKEN', 'ROLE'],
      list.flatMap((e) =>
        e.assignments.length
          ? e.assignments.map((a) => [
              e.id,
              e.accountName,
              e.name,
              a.method,
              `${a.tokenId} ${a.tokenName}`,
              a.role,
            ])
          : [[e.id, e.accountName, e.name, '-', '-', '-']],
      ),
    );
  });

  addUnlockOptions(
    endpoint
      .command('show')
      .description("one endpoint's tokens: the primary per method and the account's secondaries")
      .argument('<vault>')
      .argument('<endpoint>', 'endpoint name or id')
      .option('--account <account>', 'the account, when two accounts have an endpoint of that name')
      .option('--hide-unassigned', 'leave out secondary tokens not assigned to this endpoint')
      .option('--json', 'print JSON'),
  ).action(
    async (
      path: string,
      name: string,
      options: UnlockOptions & AccountOption & { hideUnassigned?: boolean; json?: boolean },
    ) => {
      const view = await withVault(path, options, (vault) =>
        vault.endpoints.tokenView(resolveEndpoint(vault, name, options.account).id, {
          hideUnassigned: options.hideUnassigned === true,
        }),
      );
      if (options.json) return printJson(viewJson(view));
      printLine(`${view.endpoint.name} (${view.endpoint.accountName}, endpoint ${view.endpoint.id})`);
      for (const method of HTTP_METHODS) {
        const primary = view.primaries[method];
        printLine(`  ${method.padEnd(7)}${primary ? `${primary.tokenId} ${primary.tokenName}` : '-'}`);
      }
      printLine(options.hideUnassigned ? 'Secondary tokens assigned here:' : 'Secondary tokens:');
      if (view.secondaries.length === 0) return printLine('  none');
      printTable(
        ['  ID', 'NAME', 'ENABLED', 'ASSIGNED HERE'],
        view.secondaries.map((s) => [
          `  ${s.token.id}`,
          s.token.name,
          s.token.enabled ? 'yes' : 'no',
          s.methods.length ? s.methods.join(', ') : '-',
        ]),
      );
    },
  );

  for (const assign of [true, false]) {
    addUnlockOptions(
      endpoint
        .command(assign ? 'assign' : 'unassign')
        .description(
          assign
            ? 'let a token serve a method of the endpoint (one primary per method; DELETE only if the account allows deleting)'
            : 'stop a token serving a method of the endpoint',
        )
        .argument('<vault>')
        .argument('<endpoint>', 'endpoint name or id')
        .requiredOption('--method <method>', 'POST, GET or DELETE')
        .requiredOption('--token <id>', 'token id')
        .option('--account <account>', 'the account, when two accounts have an endpoint of that name')
        .option('--json', 'print the endpoint as JSON'),
    ).action(
      async (
        path: string,
        name: string,
        options: UnlockOptions & AccountOption & { method: string; token: string; json?: boolean },
      ) => {
        const method = parseMethodOption(options.method);
        const tokenId = parseId(options.token);
        const { result: updated } = await withVault(path, options, (vault) => {
          const target = resolveEndpoint(vault, name, options.account);
          return assign
            ? vault.useCases.assignEndpoint(target.id, method, tokenId)
            : vault.useCases.unassignEndpoint(target.id, method, tokenId);
        });
        if (options.json) return printJson(updated);
        printLine(
          `Token ${tokenId} ${assign ? 'now serves' : 'no longer serves'} ${method} on "${updated.name}".`,
        );
      },
    );
  }
}
