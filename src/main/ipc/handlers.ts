import type { z } from 'zod';
import type { ApiContract, MethodName, MethodOutput } from '../../shared/api';
import { readFile } from 'node:fs/promises';
import QRCode from 'qrcode';
import { VaultError } from '../../shared/errors';
import { readBundle } from '../core/handoff/bundle-zip';
import { bundleTokensToImportRows } from '../core/handoff/bundle-import';
import { endEngagement, planEngagementEnd } from '../core/handoff/engagement-end';
import { generateBundlePassword } from '../core/handoff/bundle-password';
import { exportHandoff, listHandoffs } from '../core/handoff/handoff-service';
import { RecipientStore } from '../core/recipients/recipient-store';
import type { SessionController } from '../session/session-controller';
import { earlierValuesOf } from './earlier-values-of';
import { copyKeyId } from './copy-key-id';

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
  createDemoVault: (session, input) => session.createDemoVault(input.path),
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
  updateToken: (session, input) => {
    const vault = session.requireVault();
    // A new value for a token in use would break its integrations unseen: that is Regenerate's job, which shows
    // where the token is used and asks for confirmation.
    if (input.value !== undefined && vault.lifecycle.usage(input.id).inUse) {
      throw new VaultError(
        'POLICY',
        'This token is in use; give it a new value with Regenerate, which shows where it is used and asks you to confirm.',
      );
    }
    return vault.tokens.update(input);
  },
  deleteToken: (session, input) => {
    session.requireVault().lifecycle.delete(input.id, { force: input.force ?? false });
    return { deleted: true as const };
  },
  tokenStates: (session) => session.requireVault().lifecycle.statesWithClocks(),
  unassignedTokenIds: (session) => [...session.requireVault().endpoints.unassignedSecondaryIds()],
  tokenUsage: (session, input) => session.requireVault().lifecycle.usage(input.id),
  regenerateToken: (session, input) =>
    session.requireVault().lifecycle.regenerate(input.id, {
      ...(input.value !== undefined ? { value: input.value } : {}),
      force: input.force ?? false,
    }),
  setTokenStatus: (session, input) => {
    const { lifecycle } = session.requireVault();
    return input.status === 'active' ? lifecycle.validate(input.id) : lifecycle.invalidate(input.id);
  },
  setTokenEnabled: (session, input) => {
    const { lifecycle } = session.requireVault();
    return input.enabled ? lifecycle.enable(input.id) : lifecycle.disable(input.id);
  },
  recordTokenActivity: (session, input) =>
    session.requireVault().lifecycle.recordActivity(input.id, input.at !== undefined ? { at: input.at } : {}),
  setTokenExpiry: (session, input) => session.requireVault().lifecycle.setExpiry(input.id, input.expiresAt),
  purgePreviousValues: (session, input) => session.requireVault().lifecycle.purgePreviousValues(input.id),
  listEarlierValues: (session, input) => earlierValuesOf(session).list(input.id),
  revealEarlierValue: (session, input) => ({
    value: earlierValuesOf(session).reveal(input.id, input.valueId),
  }),
  restoreEarlierValue: (session, input) =>
    earlierValuesOf(session).restore(input.id, input.valueId, { force: input.force === true }),
  listLinks: (session, input) => session.requireVault().links.list(input),
  mapToken: (session, input) => session.requireVault().lifecycle.map(input.secondaryId, input.primaryId),
  unmapToken: (session, input) => {
    session.requireVault().lifecycle.unmap(input.secondaryId, input.primaryId);
    return { unmapped: true as const };
  },
  setMappingEnabled: (session, input) =>
    session.requireVault().lifecycle.setMappingEnabled(input.secondaryId, input.primaryId, input.enabled),
  listEndpoints: (session, input) => session.requireVault().endpoints.list(input.accountId),
  addEndpoint: (session, input) => session.requireVault().endpoints.add(input.accountId, input.name),
  assignEndpoint: (session, input) =>
    session.requireVault().endpoints.assign(input.endpointId, input.method, input.tokenId),
  unassignEndpoint: (session, input) =>
    session.requireVault().endpoints.unassign(input.endpointId, input.method, input.tokenId),
  healthReport: (session) =>
    session.requireVault().health.report({ rotationDays: session.settings().rotationDays }),
  revealToken: (session, input) => ({ value: session.requireVault().tokens.reveal(input.id, 'reveal') }),
  copyToken: (session, input) => session.copyToken(input.id),
  tokenHistory: (session, input) => session.requireVault().tokens.history(input.id),

  listRecipients: (session) => new RecipientStore(session.requireVault().db).list(),
  createRecipient: (session, input) => new RecipientStore(session.requireVault().db).create(input),
  updateRecipient: (session, input) => {
    const { id, ...fields } = input;
    return new RecipientStore(session.requireVault().db).update(id, fields);
  },
  deleteRecipient: (session, input) => {
    const { name, keptAs } = new RecipientStore(session.requireVault().db).delete(input.id);
    return { name, keptAs };
  },
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
  copyRecoveryKey: (session, input) => session.copySecret(input.recoveryKey),
  copyKeyId: (session, input) => copyKeyId(session, input.id),
  listHandoffs: (session) => listHandoffs(session.requireVault()),
  tokenHolders: (session, input) => new RecipientStore(session.requireVault().db).holdersOf(input.id),
  recipientHoldings: (session, input) => new RecipientStore(session.requireVault().db).holdings(input.id),
  planEngagementEnd: (session, input) => {
    const vault = session.requireVault();
    const plan = planEngagementEnd(vault, new RecipientStore(vault.db), input.id);
    return {
      toRotate: plan.toRotate.map(({ tokenId, name, blocked }) => ({ tokenId, name, blocked })),
      othersCount: plan.others.length,
    };
  },
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
