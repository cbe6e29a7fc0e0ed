import type { Command } from 'commander';
import { createDemoVault } from '../../main/core/demo/create-demo-vault';
import { printJson, printLine } from '../output';
import type { CliGroups } from './cli-groups';

/** `demo VAULT`: a vault full of fake tokens in every state; its generated password is printed once. */
export function registerDemoCommands(_groups: CliGroups, program: Command): void {
  program
    .command('demo')
    .description('create a DEMO vault with fake tokens for every profile; prints its password once')
    .argument('<vault>', 'folder to create, e.g. demo.tokenvault')
    .option('--json', 'print { path, password } as JSON (the password, once, as without --json)')
    .action(async (path: string, options: { json?: boolean }) => {
      const { vault, password } = await createDemoVault(path);
      const dir = vault.dir;
      vault.lock();
      if (options.json) return printJson({ path: dir, password });
      process.stderr.write(
        `Created the DEMO vault ${dir} (every token in it is fake).\n` +
          'Its password is below, shown once: keep it to open the vault (for example: tokenvault health VAULT).\n',
      );
      printLine(password);
    });
}
