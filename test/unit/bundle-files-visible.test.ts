import { describe, expect, it } from 'vitest';
import { bundleReadme, bundleText } from '../../src/main/core/handoff/bundle-files';
import { HANDOFF_FORMAT, HANDOFF_VERSION, type HandoffDocument } from '../../src/shared/handoff-format';

// A name stored before the name rules (or a description typed with such characters) must not reorder or hide text
// in the files a person reads; tokens.json keeps it exactly.
const RLO = '\u202E';
const ZWJ = '\u200D';

const doc: HandoffDocument = {
  format: HANDOFF_FORMAT,
  version: HANDOFF_VERSION,
  createdAt: '2026-12-01T10:00:00.000Z',
  from: `Alice${ZWJ}`,
  recipient: `Acme ${RLO}ycnegA`,
  fields: ['value', 'description'],
  tokens: [
    {
      name: `CRM${RLO}txt.exe`,
      account: `Main${ZWJ}`,
      platform: 'generic',
      kind: 'api-key',
      role: 'standalone',
      value: 'value-is-not-rewritten',
      description: `line one\nline${RLO} two`,
      expiresAt: null,
    },
  ],
};

describe('the bundle files a person reads', () => {
  it('write controls and invisible characters as <U+XXXX>, never raw', () => {
    for (const text of [bundleReadme(doc), bundleReadme(doc, 'age'), bundleText(doc)]) {
      expect(text).not.toMatch(/[\u202E\u200D]/u);
    }
    expect(bundleReadme(doc)).toContain('For: Acme <U+202E>ycnegA');
    expect(bundleReadme(doc)).toContain('From: Alice<U+200D>');
    const text = bundleText(doc);
    expect(text).toContain('1. CRM<U+202E>txt.exe');
    expect(text).toContain('Account: Main<U+200D> (generic)');
    expect(text).toContain('Description: line one line<U+202E> two');
    expect(text).toContain('Value: value-is-not-rewritten');
  });
});
