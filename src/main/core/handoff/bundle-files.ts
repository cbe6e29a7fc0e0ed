import type { HandoffDocument, HandoffToken } from '../../../shared/handoff-format';
import { visibleText } from '../../../shared/text-rules';
import { bundleEnv } from './bundle-env';

/** Entry names are visible without the password, so they say nothing about what is inside. */
export const BUNDLE_ENTRIES = ['README.txt', 'tokens.txt', 'tokens.json', 'tokens.env'] as const;

/** How the bundle's entries are protected: an AES-256 ZIP with a password, or a plain ZIP inside an age file. */
export type BundleProtection = 'aes-zip' | 'age';

const HOW_TO_OPEN: Record<BundleProtection, string[]> = {
  'aes-zip': [
    'It is a ZIP encrypted with AES-256. Open it with 7-Zip (Windows, Linux), Keka or The Unarchiver (macOS), or',
    'WinRAR. Windows Explorer, the macOS Archive Utility and Info-ZIP "unzip" cannot open AES-encrypted ZIP files.',
    'The password reached you by another channel (SMS, WhatsApp or a phone call), never in the same message as this file.',
  ],
  age: [
    'It came as an age-encrypted file (.age) made for your age public key, and you have decrypted it: this ZIP',
    'itself has no password. Open it with any archive tool. Only your age secret key could decrypt it, so no',
    'password was sent.',
  ],
};

// Names and descriptions in the person-readable files go through visibleText: a right-to-left override or an
// invisible character stored before the name rules (or typed in a description) cannot reorder or hide text
// there. tokens.json keeps every string exactly as stored.
export function bundleReadme(doc: HandoffDocument, protection: BundleProtection = 'aes-zip'): string {
  return [
    'API tokens handed over with Token Vault',
    '=======================================',
    '',
    `For: ${visibleText(doc.recipient)}`,
    `From: ${visibleText(doc.from)}`,
    `Prepared: ${doc.createdAt}`,
    `Tokens: ${doc.tokens.length}`,
    '',
    'How to open this archive',
    '------------------------',
    ...HOW_TO_OPEN[protection],
    '',
    'What is inside',
    '--------------',
    'tokens.txt   the tokens, readable by a person',
    'tokens.json  the same, for programs (format "tokenvault-handoff", version 1)',
    "tokens.env   ACCOUNT_TOKEN='value' lines: for a .env file, or `set -a; . ./tokens.env` in a shell",
    '',
    'Keeping the tokens safe',
    '-----------------------',
    '- Move the values into your own secret store (a password manager, a vault, your CI secrets), then delete this',
    '  archive and the extracted files.',
    '- Never commit them to a repository, paste them in chat or email, or put them in a ticket.',
    '- Use each token only for the purpose named here. Tell the sender at once if one may have leaked: they will',
    '  regenerate it.',
    '',
  ].join('\n');
}

function tokenBlock(token: HandoffToken, index: number): string {
  const lines = [
    `${index + 1}. ${visibleText(token.name)}`,
    `   Account: ${visibleText(token.account)} (${token.platform})`,
    `   Kind: ${token.kind}, ${token.role}`,
  ];
  if (token.keyId) lines.push(`   Key id: ${visibleText(token.keyId)}`);
  if (token.value !== undefined) lines.push(`   Value: ${token.value}`);
  if (token.description)
    lines.push(`   Description: ${visibleText(token.description.replace(/\r?\n/g, ' '))}`);
  for (const endpoint of token.endpoints ?? [])
    lines.push(`   Endpoint: ${endpoint.method} ${visibleText(endpoint.endpoint)}`);
  if (token.expiresAt) lines.push(`   Expires: ${token.expiresAt}`);
  return lines.join('\n');
}

export function bundleText(doc: HandoffDocument): string {
  return `Tokens for ${visibleText(doc.recipient)} (prepared ${doc.createdAt})\n\n${doc.tokens.map(tokenBlock).join('\n\n')}\n`;
}

// tokens.env has its own rules (quoting for shells and .env readers, names per account): bundle-env.ts.
export { bundleEnv };

/** The text of every entry, in BUNDLE_ENTRIES order: the same four whichever way the bundle is protected. */
export function bundleEntryContents(
  doc: HandoffDocument,
  protection: BundleProtection,
): Record<(typeof BUNDLE_ENTRIES)[number], string> {
  return {
    'README.txt': bundleReadme(doc, protection),
    'tokens.txt': bundleText(doc),
    'tokens.json': `${JSON.stringify(doc, null, 2)}\n`,
    'tokens.env': bundleEnv(doc),
  };
}
