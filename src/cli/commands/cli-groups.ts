import type { Command } from 'commander';

/** The command groups every registrar may add sub-commands to. */
export interface CliGroups {
  account: Command;
  token: Command;
  endpoint: Command;
  recipient: Command;
  handoff: Command;
  keychain: Command;
}

export type CliRegistrar = (groups: CliGroups, program: Command) => void;
