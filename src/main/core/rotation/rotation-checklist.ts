import { existsSync } from 'node:fs';
import { VaultError } from '../../../shared/errors';
import { insteadOfRotatingSentence, type PlatformGuide } from '../../../shared/platform-guides';
import {
  ROTATION_OUTCOME_LABELS,
  type RotationPlanView,
  type RotationStepView,
} from '../../../shared/rotation-views';
import { describeIoError, writeFileAtomic } from '../fs/atomic-write';

/**
 * A rotation plan as a checklist to work through away from the app: Markdown, or a printable HTML page. Built
 * from the plan's view, which holds names, platforms and guides only, so no secret can reach the file.
 */

/** The UTC day: the same checklist whatever the time zone of the machine that writes it. */
function day(iso: string): string {
  return `${iso.slice(0, 10)} (UTC)`;
}

function stepTitle(step: RotationStepView): string {
  return `${step.tokenName} (${step.accountName}, ${step.platform})`;
}

function stepStatus(step: RotationStepView): string {
  return step.outcome ? `done ${day(step.doneAt!)}: ${ROTATION_OUTCOME_LABELS[step.outcome]}` : 'to do';
}

function guideLines(guide: PlatformGuide): string[] {
  return [`Where: ${guide.where}`, `Who: ${guide.who}`, `Meanwhile: ${guide.breaks}`];
}

/** Markdown text that renders as a list of checkboxes; neither names nor guides are interpreted as Markdown. */
export function planToMarkdown(plan: RotationPlanView): string {
  const lines = [
    `# Rotation plan ${plan.id}: ${escapeMarkdown(plan.title)}`,
    '',
    `Started ${day(plan.createdAt)}${plan.completedAt ? `, complete ${day(plan.completedAt)}` : ''}. ${escapeMarkdown(plan.progress)}.`,
    '',
    'Token Vault changes no platform: do each step on the platform, then record it in the vault.',
    '',
  ];
  for (const step of plan.steps) {
    lines.push(`- [${step.outcome ? 'x' : ' '}] **${escapeMarkdown(stepTitle(step))}**: ${stepStatus(step)}`);
    const guide = step.guides.regenerate;
    for (const [index, text] of guide.steps.entries()) lines.push(`  ${index + 1}. ${escapeMarkdown(text)}`);
    for (const text of guideLines(guide)) lines.push(`  - ${escapeMarkdown(text)}`);
    lines.push(`  - ${escapeMarkdown(insteadOfRotatingSentence(step.profileId, step.role))}`);
  }
  return `${lines.join('\n')}\n`;
}

function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>#|]/g, (character) => `\\${character}`);
}

function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (character) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[character]!,
  );
}

/** A self-contained page (no script, no outside resource) that prints one step per block with a box to tick. */
export function planToHtml(plan: RotationPlanView): string {
  const items = plan.steps
    .map((step) => {
      const guide = step.guides.regenerate;
      return `<li class="${step.outcome ? 'done' : 'todo'}">
  <h2><span class="box">${step.outcome ? '☑' : '☐'}</span> ${escapeHtml(stepTitle(step))}</h2>
  <p class="status">${escapeHtml(stepStatus(step))}</p>
  <ol>${guide.steps.map((text) => `<li>${escapeHtml(text)}</li>`).join('')}</ol>
  <ul>${guideLines(guide)
    .map((text) => `<li>${escapeHtml(text)}</li>`)
    .join('')}<li>${escapeHtml(insteadOfRotatingSentence(step.profileId, step.role))}</li></ul>
</li>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${escapeHtml(`Rotation plan ${plan.id}: ${plan.title}`)}</title>
<style>
body { font: 11pt/1.4 system-ui, sans-serif; margin: 2em; color: #111; }
ol.steps > li { list-style: none; border-top: 1px solid #999; padding: 0.5em 0; break-inside: avoid; }
h2 { font-size: 12pt; margin: 0.2em 0; }
.box { font-size: 14pt; }
.done .status { color: #245c2a; }
</style>
</head>
<body>
<h1>${escapeHtml(`Rotation plan ${plan.id}: ${plan.title}`)}</h1>
<p>${escapeHtml(`Started ${day(plan.createdAt)}${plan.completedAt ? `, complete ${day(plan.completedAt)}` : ''}. ${plan.progress}.`)}</p>
<p>Token Vault changes no platform: do each step on the platform, then record it in the vault.</p>
<ol class="steps">
${items}
</ol>
</body>
</html>
`;
}

export type ChecklistFormat = 'markdown' | 'html';

/** The format a file name asks for: .md or .markdown, .html or .htm. */
export function checklistFormatOf(path: string): ChecklistFormat {
  if (/\.(md|markdown)$/i.test(path)) return 'markdown';
  if (/\.html?$/i.test(path)) return 'html';
  throw new VaultError(
    'INVALID_INPUT',
    'Name the checklist file .md (Markdown) or .html (a printable page).',
  );
}

/** Write the checklist atomically (mode 0600), never over an existing file. */
export function writeChecklist(plan: RotationPlanView, outPath: string): ChecklistFormat {
  const format = checklistFormatOf(outPath);
  if (existsSync(outPath)) {
    throw new VaultError('ALREADY_EXISTS', `${outPath} already exists; choose a new file name.`);
  }
  try {
    writeFileAtomic(outPath, format === 'markdown' ? planToMarkdown(plan) : planToHtml(plan), {
      exclusive: true,
    });
  } catch (error) {
    if (error instanceof VaultError) throw error;
    throw describeIoError(error, 'the checklist');
  }
  return format;
}
