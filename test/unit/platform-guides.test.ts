import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  GUIDE_ACTIONS,
  guideFor,
  guideSentence,
  guideSentenceTable,
  PLATFORM_GUIDES,
  profileAcceptsSetValue,
} from '../../src/shared/platform-guides';
import { PROFILES } from '../../src/shared/profiles';
import { REPO_ROOT } from '../helpers/run-cli';

/** Phrases that would claim the app changed a platform: Token Vault only records what the admin did there. */
const CLAIMS_THE_APP_ACTED = [
  /\bwe (have )?(invalidated|disabled|deleted|reset|regenerated|revoked|enabled|validated|rotated)\b/i,
  /\bstops? working now\b/i,
  /\bToken Vault (has )?(disabled|invalidated|deleted|reset|revoked|regenerated|enabled|validated|changed|rotated)\b/i,
  /\b(the app|this app) (has )?(disabled|invalidated|deleted|reset|revoked|regenerated|enabled|validated)\b/i,
  /\bis now (invalid|disabled|revoked) on\b/i,
  /\bwill be (invalidated|disabled|revoked|reset|deleted) on\b/i,
];

function everyText(): { where: string; text: string }[] {
  const texts: { where: string; text: string }[] = [];
  for (const profile of PROFILES) {
    const guides = PLATFORM_GUIDES[profile.id]!;
    for (const action of GUIDE_ACTIONS) {
      for (const [variant, guide] of Object.entries(guides.actions[action])) {
        const where = `${profile.id}/${action}/${variant}`;
        for (const text of [guide.doIt, guide.where, guide.who, guide.breaks, ...guide.steps])
          texts.push({ where, text });
        texts.push({
          where,
          text: guideSentence(profile.id, action, variant === 'primary' ? 'primary' : undefined),
        });
      }
    }
  }
  return texts;
}

const DOC = join(REPO_ROOT, 'docs/platform-guides.md');
const TABLE_START = '<!-- guide-table:start -->';
const TABLE_END = '<!-- guide-table:end -->';

describe('platform guides', () => {
  it('has a guide for every profile and every action, each with where, who, what breaks and steps', () => {
    expect(Object.keys(PLATFORM_GUIDES).sort()).toEqual(PROFILES.map((p) => p.id).sort());
    let count = 0;
    for (const profile of PROFILES) {
      for (const action of GUIDE_ACTIONS) {
        for (const role of ['standalone', 'secondary', 'primary'] as const) {
          const guide = guideFor(profile.id, action, role);
          expect(guide.doIt, `${profile.id} ${action}`).toMatch(/^[A-Z]/);
          expect(guide.where.length).toBeGreaterThan(5);
          expect(guide.who.length).toBeGreaterThan(5);
          expect(guide.breaks.length).toBeGreaterThan(3);
          expect(guide.steps.length).toBeGreaterThan(0);
          count++;
        }
      }
    }
    expect(count).toBe(PROFILES.length * GUIDE_ACTIONS.length * 3);
  });

  it('says where each platform does it and who may, as the platforms do', () => {
    expect(guideFor('engaging-networks', 'regenerate').where).toContain('Account Settings > Tokens');
    expect(guideFor('engaging-networks', 'regenerate').who).toContain('Super Admin');
    expect(guideFor('engaging-networks', 'regenerate').breaks).toMatch(/fails/);
    expect(guideFor('on24', 'validate').where).toBe(
      'Platform Tools > Integrations > API Tokens > Enable This Token',
    );
    expect(guideFor('on24', 'issue').who).toContain('Manage User');
    expect(guideFor('emplifi', 'invalidate').where).toBe('Settings > API access > Invalidate');
    expect(guideFor('emplifi', 'invalidate', 'primary').where).toContain('/oauth2/invalidate_token');
    expect(guideFor('endpoint', 'invalidate', 'secondary').where).toContain(
      'Endpoint tokens > Enabled toggle',
    );
    expect(guideSentence('emplifi', 'invalidate')).toBe(
      'Invalidate it on Emplifi: Settings > API access > Invalidate. Done there? Record it here.',
    );
    expect(guideSentence('generic', 'delete')).toMatch(
      /^Delete it on its platform: .*Done there\? Record it here\.$/,
    );
  });

  it('says which platforms accept a value set here', () => {
    expect(profileAcceptsSetValue('generic', 'api-token', 'standalone')).toBe(true);
    expect(profileAcceptsSetValue('endpoint', 'endpoint-token', 'secondary')).toBe(true);
    expect(profileAcceptsSetValue('endpoint', 'endpoint-token', 'primary')).toBe(false);
    expect(profileAcceptsSetValue('emplifi', 'bearer', 'secondary')).toBe(false);
    expect(profileAcceptsSetValue('on24', 'key-secret', 'standalone')).toBe(false);
    expect(profileAcceptsSetValue('engaging-networks', 'private', 'standalone')).toBe(false);
  });

  it('never says the app changed a platform, in the guides or in the lifecycle wording of the app and the CLI', () => {
    const texts = everyText();
    const sources = [
      'src/renderer/src/features/lifecycle',
      'src/renderer/src/features/rotation',
      'src/renderer/src/features/handoff/EndEngagementDialog.tsx',
      'src/cli/commands/lifecycle-commands.ts',
      'src/cli/commands/guide-rotation-commands.ts',
    ];
    for (const source of sources) {
      const path = join(REPO_ROOT, source);
      const files = source.endsWith('.ts') || source.endsWith('.tsx') ? [path] : listFiles(path);
      for (const file of files) texts.push({ where: file, text: readFileSync(file, 'utf8') });
    }
    const claims = texts.flatMap(({ where, text }) =>
      CLAIMS_THE_APP_ACTED.filter((pattern) => pattern.test(text)).map(
        (pattern) => `${where}: ${pattern.source}`,
      ),
    );
    expect(claims).toEqual([]);
    // The check itself catches the sentences the lifecycle used to say.
    for (const old of [
      'Integrations that still use the old values stop working now.',
      'Token Vault disabled it.',
    ])
      expect(CLAIMS_THE_APP_ACTED.some((pattern) => pattern.test(old))).toBe(true);
  });

  it('docs/platform-guides.md holds the action x profile -> sentence table generated from the data', () => {
    const table = guideSentenceTable(PROFILES);
    expect(table.split('\n')).toHaveLength(2 + GUIDE_ACTIONS.length * PROFILES.length);
    const doc = readFileSync(DOC, 'utf8');
    const start = doc.indexOf(TABLE_START);
    const end = doc.indexOf(TABLE_END);
    expect(start).toBeGreaterThan(-1);
    const current = doc.slice(start + TABLE_START.length, end).trim();
    if (process.env.UPDATE_GUIDE_DOC === '1' && current !== table) {
      writeFileSync(DOC, `${doc.slice(0, start + TABLE_START.length)}\n${table}\n${doc.slice(end)}`);
      return;
    }
    expect(current).toBe(table);
  });
});

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? listFiles(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}
