import { localDayOf } from '../../shared/dates';
import type { Command } from 'commander';
import { readBoundedFile } from '../../main/core/fs/read-bounded';
import { writeChecklist } from '../../main/core/rotation/rotation-checklist';
import {
  GUIDE_ACTION_LABELS,
  GUIDE_ACTIONS,
  guideFor,
  guideSentence,
  platformName,
  type GuideAction,
} from '../../shared/platform-guides';
import {
  ROTATION_OUTCOME_LABELS,
  type RotationOutcome,
  type RotationPlanView,
} from '../../shared/rotation-views';
import { printJson, printLine, printTable } from '../output';
import { withVault } from '../open-vault';
import { addUnlockOptions, type UnlockOptions } from '../unlock-options';
import { UsageError } from '../usage-error';
import type { CliGroups } from './cli-groups';
import { parseId } from './token-commands';

type JsonOption = { json?: boolean };

/** A token value is at most 16,384 characters; four bytes each in UTF-8, and room for a line ending. */
const VALUE_FILE_MAX_BYTES = 16_384 * 4 + 2;

function parseAction(text: string): GuideAction {
  if ((GUIDE_ACTIONS as readonly string[]).includes(text)) return text as GuideAction;
  throw new UsageError(
    `--action takes one of ${GUIDE_ACTIONS.join(', ')}; "${text.slice(0, 40)}" is none of them.`,
  );
}

/** The first line of a value file, read through the bounded reader (a FIFO or a device is refused unread). */
function readValueFile(path: string): string {
  const text = readBoundedFile(path, { maxBytes: VALUE_FILE_MAX_BYTES, what: 'The value file' }).toString(
    'utf8',
  );
  const line = text.split(/\r?\n/, 1)[0] ?? '';
  if (!line) throw new UsageError(`The value file ${path} is empty: its first line must hold the new value.`);
  return line;
}

function printPlan(plan: RotationPlanView): void {
  printLine(
    `Rotation plan ${plan.id}: ${plan.title}. ${plan.progress}${plan.completedAt ? ', complete' : ''}.`,
  );
  for (const step of plan.steps) {
    const status = step.outcome
      ? `done ${localDayOf(step.doneAt!)}: ${ROTATION_OUTCOME_LABELS[step.outcome]}`
      : step.stillInVault
        ? 'to do'
        : 'to do (no longer in the vault: record --deleted)';
    printLine(
      `[${step.outcome ? 'x' : ' '}] token ${step.tokenId} "${step.tokenName}" (${step.accountName}, ${step.platform}): ${status}`,
    );
    if (step.outcome) continue;
    const guide = step.guides.regenerate;
    printLine(
      `    ${guide.doIt} on ${step.platform}: ${guide.where}. Who: ${guide.who}. Meanwhile: ${guide.breaks}.`,
    );
    printLine(
      `    Done there? Record it: --value-file F${step.canGenerate ? ' or --generate' : ''}${step.offOperation === null ? '' : ', or --invalidated'}, or --deleted.`,
    );
  }
}

/** `guide` (what to do on a token's platform) and `rotation` (plans to rotate tokens, one step per token). */
export function registerGuideRotationCommands(_groups: CliGroups, program: Command): void {
  addUnlockOptions(
    program
      .command('guide')
      .description(
        "the steps on the token's platform for each action (Token Vault records them; it changes no platform)",
      )
      .argument('<vault>')
      .argument('<id>')
      .option('--action <action>', `only this action: ${GUIDE_ACTIONS.join(', ')}`)
      .option('--json', 'print JSON'),
  ).action(async (path: string, id: string, options: UnlockOptions & JsonOption & { action?: string }) => {
    const tokenId = parseId(id);
    const actions = options.action !== undefined ? [parseAction(options.action)] : [...GUIDE_ACTIONS];
    const { token, profile } = await withVault(path, options, (vault) => {
      const found = vault.tokens.get(tokenId);
      return { token: found, profile: vault.accounts.get(found.accountId).profile };
    });
    const guides = actions.map((action) => ({
      action,
      label: GUIDE_ACTION_LABELS[action],
      sentence: guideSentence(profile, action, token.role),
      ...guideFor(profile, action, token.role),
    }));
    if (options.json) {
      return printJson({
        tokenId: token.id,
        name: token.name,
        profile,
        platform: platformName(profile),
        guides,
      });
    }
    printLine(
      `Token ${token.id} "${token.name}" on ${platformName(profile)}. Token Vault changes no platform: do it there, then record it here.`,
    );
    for (const guide of guides) {
      printLine();
      printLine(`${guide.label}: ${guide.sentence}`);
      printLine(`  Who: ${guide.who}.`);
      printLine(`  Meanwhile: ${guide.breaks}.`);
      guide.steps.forEach((step, index) => printLine(`  ${index + 1}. ${step}`));
    }
  });

  const rotation = program
    .command('rotation')
    .description('rotation plans: one step per token to rotate on its platform, recorded here as you go');

  addUnlockOptions(
    rotation
      .command('start')
      .description('start a plan for the tokens a recipient holds (engagement ended) or for chosen tokens')
      .argument('<vault>')
      .option(
        '--recipient <name>',
        'the recipient whose engagement ended: every token whose current value it holds',
      )
      .option(
        '--token <id>',
        'a token to rotate (repeat for several)',
        (value: string, previous: number[] = []) => [...previous, parseId(value)],
      )
      .option('--json', 'print the plan as JSON'),
  ).action(
    async (path: string, options: UnlockOptions & JsonOption & { recipient?: string; token?: number[] }) => {
      if ((options.recipient === undefined) === (options.token === undefined))
        throw new UsageError('Give --recipient NAME or --token ID (one of the two).');
      const { result: plan } = await withVault(path, options, (vault) =>
        options.recipient !== undefined
          ? vault.useCases.startRotationForRecipient(options.recipient)
          : vault.useCases.startRotationForTokens(options.token!),
      );
      if (options.json) return printJson(plan);
      printLine(String(plan.id));
      process.stderr.write(
        `Rotation plan ${plan.id}: ${plan.progress}. See the steps with "rotation show".\n`,
      );
    },
  );

  addUnlockOptions(
    rotation
      .command('list')
      .description('every plan, newest first, with its progress')
      .argument('<vault>')
      .option('--json', 'print JSON'),
  ).action(async (path: string, options: UnlockOptions & JsonOption) => {
    const plans = await withVault(path, options, (vault) => vault.rotations.list());
    if (options.json) return printJson(plans);
    if (plans.length === 0) return printLine('No rotation plan yet.');
    printTable(
      ['ID', 'TITLE', 'STARTED', 'PROGRESS', 'STATUS'],
      plans.map((plan) => [
        plan.id,
        plan.title,
        localDayOf(plan.createdAt),
        `${plan.doneCount}/${plan.stepCount}`,
        plan.completedAt ? `complete ${localDayOf(plan.completedAt)}` : 'unfinished',
      ]),
    );
  });

  addUnlockOptions(
    rotation
      .command('show')
      .description("a plan's steps, each with its platform's guide")
      .argument('<vault>')
      .argument('<plan>')
      .option('--json', 'print JSON'),
  ).action(async (path: string, planText: string, options: UnlockOptions & JsonOption) => {
    const planId = parseId(planText, 'plan id');
    const plan = await withVault(path, options, (vault) => vault.rotations.get(planId));
    if (options.json) return printJson(plan);
    printPlan(plan);
  });

  addUnlockOptions(
    rotation
      .command('done')
      .description('record what you did on the platform for one token of the plan')
      .argument('<vault>')
      .argument('<plan>')
      .requiredOption('--token <id>', 'the token of the step')
      .option('--value-file <path>', 'the new value the platform issued, from the first line of this file')
      .option('--generate', 'generate the new value here (only where the platform accepts a value we set)')
      .option(
        '--invalidated',
        'the token was switched off on the platform (recorded as invalidated or disabled)',
      )
      .option('--deleted', 'the token was deleted on the platform (it is deleted here too)')
      .option('--json', 'print the plan as JSON'),
  ).action(
    async (
      path: string,
      planText: string,
      options: UnlockOptions &
        JsonOption & {
          token: string;
          valueFile?: string;
          generate?: boolean;
          invalidated?: boolean;
          deleted?: boolean;
        },
    ) => {
      const planId = parseId(planText, 'plan id');
      const tokenId = parseId(options.token);
      const chosen: RotationOutcome[] = [];
      if (options.valueFile !== undefined) chosen.push('new-value');
      if (options.generate) chosen.push('generated');
      if (options.invalidated) chosen.push('invalidated');
      if (options.deleted) chosen.push('deleted');
      if (chosen.length !== 1)
        throw new UsageError('Give exactly one of --value-file F, --generate, --invalidated or --deleted.');
      const outcome = chosen[0]!;
      const value = options.valueFile !== undefined ? readValueFile(options.valueFile) : undefined;
      const { result: plan } = await withVault(path, options, (vault) =>
        vault.useCases.recordRotationStep({
          planId,
          tokenId,
          outcome,
          ...(value !== undefined ? { value } : {}),
        }),
      );
      if (options.json) return printJson(plan);
      const step = plan.steps.find((candidate) => candidate.tokenId === tokenId)!;
      printLine(
        `Recorded for token ${tokenId} "${step.tokenName}": ${ROTATION_OUTCOME_LABELS[outcome]}. ${plan.progress}${plan.completedAt ? '; the plan is complete' : ''}.`,
      );
    },
  );

  addUnlockOptions(
    rotation
      .command('export')
      .description(
        'write the plan as a checklist: Markdown (.md) or a printable page (.html); no secret in it',
      )
      .argument('<vault>')
      .argument('<plan>')
      .requiredOption(
        '--out <file>',
        'the checklist to create (.md or .html); an existing file is never overwritten',
      )
      .option('--json', 'print JSON'),
  ).action(
    async (path: string, planText: string, options: UnlockOptions & { out: string; json?: boolean }) => {
      const planId = parseId(planText, 'plan id');
      const format = await withVault(path, options, (vault) =>
        writeChecklist(vault.rotations.get(planId), options.out),
      );
      // The same answer as the app's exportRotationPlan (src/shared/api.ts).
      if (options.json) return printJson({ path: options.out, format });
      printLine(
        `Wrote ${options.out} (${format === 'markdown' ? 'Markdown checklist' : 'printable page'}, no secret in it).`,
      );
    },
  );
}
