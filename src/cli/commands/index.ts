import { registerAccountCommands } from './account-commands';
import { registerAgeKeyCommands } from './age-key-commands';
import { registerBackupCommands } from './backup-commands';
import { registerHandoffCommands } from './handoff-commands';
import type { CliRegistrar } from './cli-groups';
import { registerDemoCommands } from './demo-commands';
import { registerEndpointCommands } from './endpoint-commands';
import { registerHealthCommands } from './health-commands';
import { registerHistoryCommands } from './history-commands';
import { registerImportCommands } from './import-commands';
import { registerKeychainCommands } from './keychain-commands';
import { registerLifecycleCommands } from './lifecycle-commands';
import { registerRecipientCommands } from './recipient-commands';
import { registerTokenCommands } from './token-commands';
import { registerVaultCommands } from './vault-commands';

/** Every command family, in help order. A new family is a file in this folder and one line here. */
export const REGISTRARS: CliRegistrar[] = [
  registerVaultCommands,
  registerAccountCommands,
  registerTokenCommands,
  registerImportCommands,
  registerLifecycleCommands,
  registerEndpointCommands,
  registerHealthCommands,
  registerKeychainCommands,
  registerBackupCommands,
  registerRecipientCommands,
  registerHandoffCommands,
  registerAgeKeyCommands,
  registerDemoCommands,
  registerHistoryCommands,
];
