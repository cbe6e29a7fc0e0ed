import { localDayOf } from '../../shared/dates';
import type { Command } from 'commander';
import { DEFAULT_ROTATION_DAYS, type HealthReport } from '../../main/core/health/health-report';
import { printJson, printLine } from '../output';
import { withVault } from '../open-vault';
import { addUnlockOptions, type UnlockOptions } from '../unlock-options';
import { UsageError } from '../usage-error';
import type { CliGroups } from './cli-groups';
import { parseNowOption } from './lifecycle-state';

const SECTION_TITLES: Record<HealthReport['items'][number]['severity'], string> = {
  critical: 'Needs action now',
  warning: 'Soon',
  info: 'Good to know',
};

function parseDays(text: string): number {
  if (!/^\d{1,5}$/.test(text) || Number(text) < 1)
    throw new UsageError('--rotation-days takes a whole number of days, e.g. 180.');
  return Number(text);
}

/** `health`: what needs attention (idle limits, expiry, rotation, duplicates, holdings), read only. */
export function registerHealthCommands(_groups: CliGroups, program: Command): void {
  addUnlockOptions(
    program
      .command('health')
      .description(
        'what needs your attention: inactivity limits, expiry, unused or unrotated tokens, duplicates',
      )
      .argument('<vault>')
      .option('--now <date>', 'see the state at another date, e.g. 2026-12-31 (nothing is written)')
      .option(
        '--rotation-days <n>',
        `report tokens not regenerated for this many days (default ${DEFAULT_ROTATION_DAYS})`,
      )
      .option('--json', 'print the report as JSON'),
  ).action(
    async (
      path: string,
      options: UnlockOptions & { now?: string; rotationDays?: string; json?: boolean },
    ) => {
      const now = parseNowOption(options.now);
      const rotationDays = options.rotationDays !== undefined ? parseDays(options.rotationDays) : undefined;
      const report = await withVault(path, options, (vault) => vault.health.report({ now, rotationDays }));
      if (options.json) return printJson(report);
      if (report.items.length === 0)
        return printLine(
          `${report.tokenCount === 1 ? 'The one token looks' : `All ${report.tokenCount} tokens look`} fine on ${localDayOf(report.now)}.`,
        );
      let section = '';
      for (const item of report.items) {
        if (item.severity !== section) {
          if (section) printLine();
          section = item.severity;
          printLine(`${SECTION_TITLES[item.severity]}:`);
        }
        printLine(`  [${item.kind}] ${item.message} (id ${item.tokens.map((t) => t.id).join(', ')})`);
      }
    },
  );
}
