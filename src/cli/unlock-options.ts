import type { Command } from 'commander';

export interface UnlockOptions {
  passwordFile?: string;
  recoveryKeyFile?: string;
  keychain?: boolean;
}

export const PASSWORD_FILE_ENV = 'TOKENVAULT_PASSWORD_FILE';

/** Every command that opens a vault takes the same unlock options. */
export function addUnlockOptions(command: Command): Command {
  return command
    .option(
      '--password-file <path>',
      `file whose first line is the master password (or set ${PASSWORD_FILE_ENV})`,
    )
    .option('--recovery-key-file <path>', 'unlock with the recovery key in this file instead of the password')
    .option('--keychain', 'unlock through the OS keychain (after "tokenvault keychain enable")');
}
