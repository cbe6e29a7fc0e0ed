import { bundleKindOf } from '../core/handoff/bundle-kind';
import { writeRecoveryKit } from '../core/vault/recovery-kit';
import type { z } from 'zod';
import type { ApiContract, MethodName, MethodOutput } from '../../shared/api';
import QRCode from 'qrcode';
import { generateBundlePassword } from '../core/handoff/bundle-password';
import { writeChecklist } from '../core/rotation/rotation-checklist';
import { closeImport, commitHeldImport, openImport, previewHeldImport } from '../core/import/import-use-case';
import type { SessionController } from '../session/session-controller';
import { copyKeyId } from './copy-key-id';
import { ageHandlers } from './age-handlers';
import { openBundleHandlers } from './open-bundle-handlers';

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
  createAccount: (session, input) => session.requireVault().useCases.createAccount(input).result,
  updateAccount: (session, input) => session.requireVault().useCases.updateAccount(input).result,
  deleteAccount: (session, input) => {
    session.requireVault().useCases.deleteAccount(input.id);
    return { deleted: true as const };
  },

  listTokens: (session, input) => session.requireVault().tokens.list(input),
  getToken: (session, input) => session.requireVault().tokens.get(input.id),
  createToken: (session, input) => session.requireVault().useCases.createToken(input).result,
  updateToken: (session, input) => session.requireVault().useCases.updateToken(input).result,
  deleteToken: (session, input) => {
    session.requireVault().useCases.deleteToken(input.id, { force: input.force ?? false });
    return { deleted: true as const };
  },
  tokenStates: (session) => session.requireVault().lifecycle.statesWithClocks(),
  unassignedTokenIds: (session) => [...session.requireVault().endpoints.unassignedSecondaryIds()],
  tokenUsage: (session, input) => session.requireVault().lifecycle.usage(input.id),
  regenerateToken: (session, input) =>
    session.requireVault().useCases.regenerate(input.id, {
      ...(input.value !== undefined ? { value: input.value } : {}),
      force: input.force ?? false,
    }).result,
  setTokenStatus: (session, input) =>
    session.requireVault().useCases.setStatus(input.id, input.status).result,
  setTokenEnabled: (session, input) =>
    session.requireVault().useCases.setEnabled(input.id, input.enabled).result,
  recordTokenActivity: (session, input) =>
    session.requireVault().useCases.recordActivity(input.id, input.at).result,
  setTokenExpiry: (session, input) =>
    session.requireVault().useCases.setExpiry(input.id, input.expiresAt).result,
  purgePreviousValues: (session, input) =>
    session.requireVault().useCases.purgePreviousValues(input.id).result,
  listEarlierValues: (session, input) => session.requireVault().useCases.earlierValues(input.id),
  revealEarlierValue: (session, input) => ({
    value: session.requireVault().useCases.revealEarlierValue(input.id, input.valueId),
  }),
  restoreEarlierValue: (session, input) =>
    session
      .requireVault()
      .useCases.restoreEarlierValue(input.id, input.valueId, { force: input.force === true }).result,
  listLinks: (session, input) => session.requireVault().links.list(input),
  mapToken: (session, input) =>
    session.requireVault().useCases.map(input.secondaryId, input.primaryId).result,
  unmapToken: (session, input) =>
    session.requireVault().useCases.unmap(input.secondaryId, input.primaryId).result,
  setMappingEnabled: (session, input) =>
    session.requireVault().useCases.setMappingEnabled(input.secondaryId, input.primaryId, input.enabled)
      .result,
  listEndpoints: (session, input) => session.requireVault().endpoints.list(input.accountId),
  addEndpoint: (session, input) =>
    session.requireVault().useCases.addEndpoint(input.accountId, input.name).result,
  removeEndpoint: (session, input) => session.requireVault().useCases.removeEndpoint(input.endpointId).result,
  assignEndpoint: (session, input) =>
    session.requireVault().useCases.assignEndpoint(input.endpointId, input.method, input.tokenId).result,
  unassignEndpoint: (session, input) =>
    session.requireVault().useCases.unassignEndpoint(input.endpointId, input.method, input.tokenId).result,
  healthReport: (session) =>
    session.requireVault().health.report({ rotationDays: session.settings().rotationDays }),
  revealToken: (session, input) => ({
    value: session.requireVault().useCases.readSecretValue(input.id, 'reveal'),
  }),
  copyToken: (session, input) => session.copyToken(input.id),
  tokenHistory: (session, input) => session.requireVault().tokens.history(input.id),

  listRecipients: (session) => session.requireVault().recipients.list(),
  createRecipient: (session, input) => session.requireVault().useCases.addRecipient(input).result,
  updateRecipient: (session, input) => {
    const { id, ...fields } = input;
    return session.requireVault().useCases.editRecipient(id, fields).result;
  },
  deleteRecipient: (session, input) => session.requireVault().useCases.deleteRecipient(input.id).result,
  chooseBundleFile: async (session, input) => {
    const path = await session.chooseSaveFile(input.suggestedName);
    return path ? { path } : null;
  },
  exportHandoff: async (session, input) => {
    const vault = session.requireVault();
    const { password, entropyBits } = generateBundlePassword();
    const { result: handoff } = await vault.useCases.exportHandoff({
      recipient: input.recipientId,
      tokenIds: input.tokenIds,
      fields: input.fields,
      outPath: session.chosenFiles.require(input.outPath, 'write'),
      password,
      channel: input.channel,
    });
    const qrSvg = await QRCode.toString(password, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
    return { handoff, password, entropyBits, qrSvg };
  },
  copyBundlePassword: (session, input) => session.copySecret(input.password),
  copyRecoveryKey: (session, input) => session.copySecret(input.recoveryKey),
  saveRecoveryKit: async (session, input) => {
    const path = await session.platform.chooseSaveFile('token-vault-emergency-kit.txt');
    if (!path) return null;
    writeRecoveryKit(path, {
      recoveryKey: input.recoveryKey,
      ...(input.vaultPath !== undefined ? { vaultPath: input.vaultPath } : {}),
    });
    return { path };
  },
  copyKeyId: (session, input) => copyKeyId(session, input.id),
  listHandoffs: (session) => session.requireVault().handoffs.list(),
  tokenHolders: (session, input) => session.requireVault().recipients.holdersOf(input.id),
  recipientHoldings: (session, input) => session.requireVault().recipients.holdings(input.id),
  planEngagementEnd: (session, input) => {
    const vault = session.requireVault();
    return {
      ...vault.handoffs.engagementPlanSummary(input.id),
      unfinishedPlan: vault.rotations.unfinishedForRecipient(input.id),
    };
  },
  setRecipientArchived: (session, input) =>
    session.requireVault().useCases.editRecipient(input.id, {}, input.archived).result,
  listRotationPlans: (session) => session.requireVault().rotations.list(),
  getRotationPlan: (session, input) => session.requireVault().rotations.get(input.id),
  startRotationPlan: (session, input) => {
    const { useCases } = session.requireVault();
    return (
      'recipientId' in input
        ? useCases.startRotationForRecipient(input.recipientId)
        : useCases.startRotationForTokens(input.tokenIds)
    ).result;
  },
  recordRotationStep: (session, input) => session.requireVault().useCases.recordRotationStep(input).result,
  exportRotationPlan: (session, input) => {
    const vault = session.requireVault();
    const format = writeChecklist(
      vault.rotations.get(input.planId),
      session.chosenFiles.require(input.outPath, 'write'),
    );
    return { path: input.outPath, format };
  },
  chooseBundleToOpen: async (session) => {
    const path = await session.chooseOpenFile('bundle');
    return path ? { path, kind: bundleKindOf(path) } : null;
  },
  ...openBundleHandlers,
  ...ageHandlers,
  chooseImportFile: async (session) => {
    const path = await session.chooseOpenFile('import');
    return path ? { path } : null;
  },
  chooseImportKeyFile: async (session) => {
    const path = await session.chooseOpenFile('key-file');
    return path ? { path } : null;
  },
  openImportSource: (session, input) =>
    openImport(session.requireVault(), {
      ...(input.path !== undefined ? { path: session.chosenFiles.require(input.path, 'read') } : {}),
      ...(input.bytesBase64 !== undefined ? { bytes: Buffer.from(input.bytesBase64, 'base64') } : {}),
      fileName: input.fileName,
      ...(input.format !== undefined ? { format: input.format } : {}),
      ...(input.sourcePassword !== undefined ? { sourcePassword: input.sourcePassword } : {}),
      ...(input.keyFilePath !== undefined
        ? { keyFilePath: session.chosenFiles.require(input.keyFilePath, 'read') }
        : {}),
    }),
  previewImport: (session, input) => previewHeldImport(session.requireVault(), input.importId, input.plan),
  commitImport: (session, input) => commitHeldImport(session.requireVault(), input.importId, input.plan),
  closeImport: (session, input) => {
    closeImport(session.requireVault(), input.importId);
    return { closed: true as const };
  },
};
