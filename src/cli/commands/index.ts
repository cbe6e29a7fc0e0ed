import { registerAccountCommands } from './account-commands';
import { registerBackupCommands } from './backup-commands';
import { registerHandoffCommands, registerRecipientCommands } from './handoff-commands';
import type { CliRegistrar } from './cli-groups';
import { registerKeychainCommands } from './keychain-commands';
import { registerTokenCommands } from './token-commands';
import { registerVaultCommands } from './vault-commands';

/** Every command family, in help order. A new family is a file in this folder and one line here. */
export const REGISTRARS: CliRegistrar[] = [
  registerVaultCommands,
  registerAccountCommands,
  registerTokenCommands,
  registerKeychainCommands,
  registerBackupCommands,
  registerRecipientCommands,
  registerHandoffCommands,
];
