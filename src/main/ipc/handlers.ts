import type { z } from 'zod';
import type { ApiContract, MethodName, MethodOutput } from '../../shared/api';
import { readFile } from 'node:fs/promises';
import QRCode from 'qrcode';
import { VaultError } from '../../shared/errors';
import { readBundle } from '../core/handoff/bundle-zip';
import { bundleTokensToImportRows } from '../core/handoff/bundle-import';
import { endEngagement } from '../core/handoff/engagement-end';
import { generateBundlePassword } from '../core/handoff/bundle-password';
import { exportHandoff, listHandoffs } from '../core/handoff/handoff-service';
import { RecipientStore } from '../core/recipients/recipient-store';
import type { SessionController } from '../session/session-controller';

type Handler<M extends MethodName> = (
  session: SessionController,
  input: z.output<ApiContract[M]['input']>,
) => Promise<MethodOutput<M>> | MethodOutput<M>;

/** One handler per contract method: a method without a handler is a compile error. */
export type Handlers = { [M in MethodName]: Handler<M> };

export const handlers: Handlers = {
  getSession: (session) => session.getSession(),
  listRecentVaults: (session) => session.recentVaults(),
  chooseVaultFolder: async (session, input) => {
    const path = await session.platform.chooseFolder(input.purpose, input.suggestedName);
    return path ? { path } : null;
  },
  createVault: (session, input) => session.createVault(input),
  unlockVault: (session, input) => session.unlockVault(input),
  lockVault: (session) => {
    session.lock();
    return { locked: true as const };
  },
  getKeychainStatus: async (session) => ({ status: await session.keychainStatus() }),
  setKeychainUnlock: async (session, input) => ({ status: await session.setKeychainUnlock(input.enabled) }),
  reportActivity: (session) => {
    session.reportActivity();
    return { ok: true as const };
  },
  changeMasterPassword: (session, input) => session.changeMasterPassword(input),
  updateSettings: (session, input) => session.updateSettings(input),
  verifyVault: (session) => session.requireVault().verify(),

  listAccounts: (session) => session.requireVault().accounts.list(),
  createAccount: (session, input) => session.requireVault().accounts.create(input),
  updateAccount: (session, input) => session.requireVault().accounts.update(input),
  deleteAccount: (session, input) => {
    session.requireVault().accounts.delete(input.id);
    return { deleted: true as const };
  },

  listTokens: (session, input) => session.requireVault().tokens.list(input),
  getToken: (session, input) => session.requireVault().tokens.get(input.id),
  createToken: (session, input) => session.requireVault().tokens.create(input),
  updateToken: (session, input) => session.requireVault().tokens.update(input),
  deleteToken: (session, input) => {
    session.requireVault().tokens.delete(input.id);
    return { deleted: true as const };
  },
  revealToken: (session, input) => ({ value: session.requireVault().tokens.reveal(input.id, 'reveal') }),
  copyToken: (session, input) => session.copyToken(input.id),
  tokenHistory: (session, input) => session.requireVault().tokens.history(input.id),

  listRecipients: (session) => new RecipientStore(session.requireVault().db).list(),
  createRecipient: (session, input) => new RecipientStore(session.requireVault().db).create(input),
  chooseBundleFile: async (session, input) => {
    const path = await session.platform.chooseSaveFile(input.suggestedName);
    return path ? { path } : null;
  },
  exportHandoff: async (session, input) => {
    const vault = session.requireVault();
    const { password, entropyBits } = generateBundlePassword();
    const handoff = await exportHandoff(vault, new RecipientStore(vault.db), {
      recipient: input.recipientId,
      tokenIds: input.tokenIds,
      fields: input.fields,
      outPath: input.outPath,
      password,
      channel: input.channel,
    });
    const qrSvg = await QRCode.toString(password, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
    return { handoff, password, entropyBits, qrSvg };
  },
  copyBundlePassword: (session, input) => session.copySecret(input.password),
  listHandoffs: (session) => listHandoffs(session.requireVault()),
  tokenHolders: (session, input) => new RecipientStore(session.requireVault().db).holdersOf(input.id),
  recipientHoldings: (session, input) => new RecipientStore(session.requireVault().db).holdings(input.id),
  endEngagement: (session, input) => {
    const vault = session.requireVault();
    const store = new RecipientStore(vault.db);
    return endEngagement(vault, store, String(store.resolve(input.id).id), input.action);
  },
  setRecipientArchived: (session, input) =>
    new RecipientStore(session.requireVault().db).setArchived(input.id, input.archived),
  chooseBundleToOpen: async (session) => {
    const path = await session.platform.chooseOpenFile();
    return path ? { path } : null;
  },
  openBundle: async (session, input) => {
    let bytes: Buffer;
    try {
      bytes = await readFile(input.path);
    } catch {
      throw new VaultError('NOT_FOUND', 'That bundle file cannot be read.');
    }
    const doc = await readBundle(bytes, input.password);
    let imported = 0;
    if (input.importIntoAccountId !== undefined) {
      const vault = session.requireVault();
      imported = vault.tokens.importMany(input.importIntoAccountId, bundleTokensToImportRows(doc));
    }
    return {
      recipient: doc.recipient,
      from: doc.from,
      createdAt: doc.createdAt,
      tokens: doc.tokens.map((t) => ({
        name: t.name,
        account: t.account,
        kind: t.kind,
        keyId: t.keyId ?? null,
      })),
      imported,
    };
  },
};
