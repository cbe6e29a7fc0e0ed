import { CommanderError } from 'commander';
import { EXIT_CODE_BY_ERROR, isVaultError } from '../shared/errors';
import { buildProgram } from './program';
import { UsageError } from './usage-error';

/** One line on stderr, never a stack trace, never a secret (messages are built from names and ids only). */
function fail(message: string, code: number): never {
  process.stderr.write(`tokenvault: ${message.replace(/\s+/g, ' ').trim()}\n`);
  process.exit(code);
}

async function main(): Promise<void> {
  const program = buildProgram();
  try {
    await program.parseAsync(process.argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      if (
        error.code === 'commander.helpDisplayed' ||
        error.code === 'commander.version' ||
        error.code === 'commander.help'
      ) {
        process.exit(0);
      }
      fail(`${error.message.replace(/^error: /, '')} (see tokenvault --help)`, 2);
    }
    if (error instanceof UsageError) fail(error.message, 2);
    if (isVaultError(error)) fail(error.message, EXIT_CODE_BY_ERROR[error.code]);
    fail(
      'An unexpected error stopped the command; nothing was changed. Run tokenvault verify VAULT to check the vault.',
      1,
    );
  }
}

void main();
