import QRCode from 'qrcode';
import type { VaultIdentityQrView, VaultIdentityView } from '../../shared/age-views';
import { VaultError } from '../../shared/errors';
import type { Handlers } from './handlers';

type AgeMethods =
  | 'getRecipientKeys'
  | 'setRecipientKey'
  | 'removeRecipientKey'
  | 'exportHandoffToKey'
  | 'getVaultIdentity'
  | 'createVaultIdentity'
  | 'copyVaultPublicKey';

async function withQrCode(identity: VaultIdentityView): Promise<VaultIdentityQrView> {
  const qrSvg = await QRCode.toString(identity.publicKey, {
    type: 'svg',
    errorCorrectionLevel: 'M',
    margin: 2,
  });
  return { ...identity, qrSvg };
}

/** Adapters for age keys and age bundles: parse (done by the contract), call core, shape the answer. */
export const ageHandlers: Pick<Handlers, AgeMethods> = {
  getRecipientKeys: (session, input) => {
    const keys = session.requireVault().recipientKeys;
    return { current: keys.current(input.id), history: keys.history(input.id) };
  },
  setRecipientKey: (session, input) => {
    const { key, replaced } = session
      .requireVault()
      .useCases.setRecipientKey(input.id, input.publicKey).result;
    return { key, replaced };
  },
  removeRecipientKey: (session, input) => session.requireVault().useCases.removeRecipientKey(input.id).result,
  exportHandoffToKey: async (session, input) => {
    const { result } = await session.requireVault().useCases.exportHandoff({
      recipient: input.recipientId,
      tokenIds: input.tokenIds,
      fields: input.fields,
      outPath: session.chosenFiles.require(input.outPath, 'write'),
      toKey: { armor: input.armor },
    });
    return { handoff: result };
  },
  getVaultIdentity: async (session) => {
    const identity = session.requireVault().identity.show();
    return identity ? withQrCode(identity) : null;
  },
  createVaultIdentity: async (session) =>
    withQrCode((await session.requireVault().useCases.createVaultIdentity()).result),
  copyVaultPublicKey: (session) => {
    const identity = session.requireVault().identity.show();
    if (!identity) throw new VaultError('NOT_FOUND', 'This vault has no age key for receiving yet.');
    return session.copySecret(identity.publicKey);
  },
};
