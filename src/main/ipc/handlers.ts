import type { z } from 'zod';
import type { ApiContract, MethodName, MethodOutput } from '../../shared/api';
import QRCode from 'qrcode';
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
};
