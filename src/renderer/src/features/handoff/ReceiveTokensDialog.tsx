import { useEffect, useRef, useState } from 'react';
import type { VaultIdentityQrView } from '../../../../shared/age-views';
import { call, messageOf } from '../../api';
import { Dialog } from '../../ui/Dialog';
import { ErrorText } from '../../ui/ErrorText';

/**
 * The agency side: this vault's age key for receiving bundles. Made once, kept in the vault; its public key is
 * shown as text and as a QR code to send to the client. The secret key never reaches the renderer.
 */
export function ReceiveTokensDialog({ onClose }: { onClose: () => void }) {
  const [identity, setIdentity] = useState<VaultIdentityQrView | null | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const keyText = useRef<HTMLParagraphElement>(null);
  const [justCreated, setJustCreated] = useState(false);
  const createButton = useRef<HTMLButtonElement>(null);
  // The dialog opens while the key is still loading, when Done is its only control: once it is known that there
  // is no key yet, the focus moves to the dialog's one action.
  const noKeyYet = identity === null;
  useEffect(() => {
    if (noKeyYet) createButton.current?.focus();
  }, [noKeyYet]);
  // After the commit that shows the new key: the button that had the focus is gone, the key is what to read next.
  useEffect(() => {
    if (justCreated) keyText.current?.focus();
  }, [justCreated]);

  useEffect(() => {
    call('getVaultIdentity', {}).then(setIdentity, (err) => setError(messageOf(err)));
  }, []);

  const create = async () => {
    setError(null);
    setBusy(true);
    try {
      setIdentity(await call('createVaultIdentity', {}));
      setJustCreated(true);
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  };

  const copy = async () => {
    setError(null);
    try {
      const copied = await call('copyVaultPublicKey', {});
      // Every copy is cleared after a while, this one too: paste it into the message soon.
      setNotice(`Copied the public key. The clipboard will be cleared in ${copied.clearsAfterSeconds} s.`);
    } catch (err) {
      setError(messageOf(err));
    }
  };

  return (
    <Dialog title="Receive tokens" onClose={onClose} wide>
      {identity === undefined ? (
        <p className="muted">Loading…</p>
      ) : identity === null ? (
        <>
          <p>
            Make an age key for this vault, then send its public key to the client. Bundles they encrypt to it
            open here (Open bundle) with no password to exchange. The secret key stays in this vault,
            encrypted with everything else.
          </p>
          <div className="actions">
            <button type="button" className="primary" ref={createButton} onClick={create} disabled={busy}>
              {busy ? 'Making the key…' : 'Create my age key'}
            </button>
          </div>
        </>
      ) : (
        <>
          <p>
            Send this public key to the client (email or chat is fine: it is public). Then read the
            fingerprint to them by phone, so they know the key is really yours.
          </p>
          <div className="bundle-password-box">
            <div>
              <p className="label" id="public-key-label">
                Your age public key
              </p>
              <p
                className="public-key"
                aria-labelledby="public-key-label"
                data-testid="vault-public-key"
                ref={keyText}
                tabIndex={-1}
              >
                {identity.publicKey}
              </p>
              <p className="small">
                Fingerprint <strong className="fingerprint">{identity.fingerprint}</strong>
              </p>
              <div className="actions">
                <button type="button" className="primary" onClick={copy}>
                  Copy public key
                </button>
              </div>
              {notice && (
                <p className="notice" role="status">
                  {notice}
                </p>
              )}
            </div>
            <img
              className="qr"
              alt="QR code of this vault's age public key"
              src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(identity.qrSvg)}`}
            />
          </div>
        </>
      )}
      <ErrorText message={error} />
      <div className="actions">
        <button type="button" onClick={onClose}>
          Done
        </button>
      </div>
    </Dialog>
  );
}
