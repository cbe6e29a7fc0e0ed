// First: it sets a V8 flag that must come before the other modules load (see the file).
import '../main/core/runtime/young-generation-first';
import { CommanderError } from 'commander';
import { EXIT_CODE_BY_ERROR } from '../shared/errors';
import { storageErrorToVaultError } from '../main/core/db/storage-error';
import { buildProgram } from './program';
import { UsageError } from './usage-error';

/** One line on stderr, never a stack trace, never a secret (messages are built from names and ids only). */
function fail(message: string, code: number): never {
  // Errors may quote what the user typed; a 100 KB argument is shortened so the error stays one readable line.
  const sentence = message
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/\S{81,}/g, (word) => `${word.slice(0, 40)}…`);
  process.stderr.write(`tokenvault: ${sentence}\n`);
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
    const known = storageErrorToVaultError(error);
    if (known) fail(known.message, EXIT_CODE_BY_ERROR[known.code]);
    fail(
      'An unexpected error stopped the command; nothing was changed. Run tokenvault verify VAULT to check the vault.',
      1,
    );
  }
}

void main();
