import { Command } from 'commander';
import { REGISTRARS } from './commands';
import type { CliGroups } from './commands/cli-groups';

export const CLI_VERSION = '0.1.0';

export function buildProgram(): Command {
  const program = new Command('tokenvault')
    .description('Token Vault: keep API tokens in an encrypted vault and hand them to agencies safely.')
    .version(CLI_VERSION)
    .showHelpAfterError(false)
    .configureOutput({ outputError: () => undefined })
    .exitOverride();
  const group = (name: string, description: string) =>
    program
      .command(name)
      .description(description)
      .exitOverride()
      .configureOutput({ outputError: () => undefined });
  const groups: CliGroups = {
    account: group('account', 'platform accounts'),
    token: group('token', 'tokens'),
    endpoint: group('endpoint', 'endpoints of an account and the tokens that serve them'),
    recipient: group('recipient', 'agencies and developers who receive tokens'),
    handoff: group('handoff', 'password-protected bundles for recipients'),
    keychain: group('keychain', 'quick unlock through the OS keychain'),
  };
  for (const register of REGISTRARS) register(groups, program);
  // Sub-commands inherit exitOverride only when set on each; do it once for all.
  const silence = (command: Command) => {
    command.exitOverride().configureOutput({ outputError: () => undefined });
    command.commands.forEach(silence);
  };
  silence(program);
  // Drop the empty groups so help shows only what exists.
  for (const [name, command] of Object.entries(groups)) {
    if (command.commands.length === 0) {
      (program.commands as Command[]).splice(program.commands.indexOf(command), 1);
      void name;
    }
  }
  return program;
}
