import { useCallback, useEffect, useRef, useState } from 'react';
import type { AgeKeyView } from '../../../../shared/api';
import { call, messageOf } from '../../api';
import { Dialog } from '../../ui/Dialog';
import { ErrorText } from '../../ui/ErrorText';
import { formatDate } from '../../ui/format';
import { imageIn, QrImageError, readQrImage } from './read-qr-image';
import { plural } from '../../../../shared/token-state-vocabulary';

export const CONFIRM_BY_PHONE = 'Confirm it with the agency by phone before first use.';

/**
 * A recipient's age public key: add or replace it by pasting it or by reading the QR code the agency shows (an image
 * file, or a pasted or dropped screenshot), or remove it; the fingerprint to read by phone.
 */
export function RecipientKeyPanel({ recipientId, name }: { recipientId: number; name: string }) {
  const [current, setCurrent] = useState<AgeKeyView | null>(null);
  const [earlier, setEarlier] = useState(0);
  const [pasting, setPasting] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  const load = useCallback(() => {
    call('getRecipientKeys', { id: recipientId }).then(
      (keys) => {
        setCurrent(keys.current);
        setEarlier(keys.history.filter((key) => key.retiredAt !== null).length);
      },
      (err) => setError(messageOf(err)),
    );
  }, [recipientId]);
  // Mounted once per recipient (keyed by id), so there is no earlier recipient's notice to clear here.
  useEffect(() => load(), [load]);

  const remove = async () => {
    setError(null);
    try {
      const removed = await call('removeRecipientKey', { id: recipientId });
      setNotice(`Removed the age key ${removed.fingerprint}; later bundles for ${name} use a password.`);
      load();
      heading.current?.focus();
    } catch (err) {
      setError(messageOf(err));
    }
  };

  return (
    <section className="age-key" aria-labelledby="age-key-title">
      <h4 id="age-key-title" ref={heading} tabIndex={-1}>
        Age public key
      </h4>
      {current ? (
        <>
          <p className="small">
            Fingerprint <strong className="fingerprint">{current.fingerprint}</strong>, added{' '}
            {formatDate(current.addedAt)}. {CONFIRM_BY_PHONE}
          </p>
          <p className="muted small key-text">{current.publicKey}</p>
        </>
      ) : (
        <p className="muted small">
          None: bundles for {name} are password ZIPs. With their age public key (age1…), bundles need no
          password.
        </p>
      )}
      {earlier > 0 && <p className="muted small">{plural(earlier, 'earlier key')} kept on record.</p>}
      <div className="actions">
        <button type="button" onClick={() => (setPasting(true), setNotice(null), setError(null))}>
          {current ? 'Replace key…' : 'Add age key…'}
        </button>
        {current && (
          <button type="button" onClick={remove}>
            Remove key
          </button>
        )}
      </div>
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      <ErrorText message={error} />
      {pasting && (
        <AgeKeyDialog
          recipientId={recipientId}
          name={name}
          replacing={current !== null}
          onClose={() => setPasting(false)}
          onSaved={(key, replaced) => {
            setPasting(false);
            setNotice(
              `${replaced ? 'Replaced' : 'Saved'} the age key of ${name}. Fingerprint ${key.fingerprint}: ${CONFIRM_BY_PHONE}`,
            );
            load();
          }}
        />
      )}
    </section>
  );
}

function AgeKeyDialog({
  recipientId,
  name,
  replacing,
  onClose,
  onSaved,
}: {
  recipientId: number;
  name: string;
  replacing: boolean;
  onClose: () => void;
  onSaved: (key: AgeKeyView, replaced: boolean) => void;
}) {
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [reading, setReading] = useState(false);
  const input = useRef<HTMLTextAreaElement>(null);
  const chooser = useRef<HTMLInputElement>(null);

  // The code's text goes into the field as a paste would; core checks it on Save, as it checks a pasted key.
  const readImage = async (image: Blob) => {
    setError(null);
    setReading(true);
    try {
      setText(await readQrImage(image));
    } catch (err) {
      setError(err instanceof QrImageError ? err.message : messageOf(err));
    } finally {
      setReading(false);
      input.current?.focus();
    }
  };
  const takeImage = (event: React.ClipboardEvent | React.DragEvent, files: FileList | undefined) => {
    const image = imageIn(files);
    if (!image) return;
    event.preventDefault();
    void readImage(image);
  };

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setError(null);
    if (!text.trim()) return setError('Paste the age public key the agency sent (age1…).');
    setBusy(true);
    try {
      const saved = await call('setRecipientKey', { id: recipientId, publicKey: text });
      onSaved(saved.key, saved.replaced !== null);
    } catch (err) {
      setError(messageOf(err));
      setBusy(false);
      input.current?.focus();
    }
  };

  return (
    <Dialog title={`${replacing ? 'Replace' : 'Add'} the age key of ${name}`} onClose={onClose} wide>
      <form className="form" onSubmit={submit} noValidate>
        <label htmlFor="age-key-input">Age public key</label>
        <textarea
          id="age-key-input"
          ref={input}
          rows={2}
          spellCheck={false}
          autoComplete="off"
          placeholder="age1…"
          value={text}
          onChange={(e) => setText(e.target.value)}
          onPaste={(e) => takeImage(e, e.clipboardData?.files)}
          onDrop={(e) => takeImage(e, e.dataTransfer?.files)}
          aria-describedby="age-key-hint"
        />
        <div className="row">
          <button type="button" onClick={() => chooser.current?.click()} disabled={busy || reading}>
            Read a QR code from an image…
          </button>
          <input
            ref={chooser}
            type="file"
            accept="image/*"
            hidden
            aria-label="Image with the agency's QR code"
            onChange={(e) => {
              const image = imageIn(e.target.files);
              e.target.value = '';
              if (image) void readImage(image);
            }}
          />
          {reading && (
            <span className="hint" role="status">
              Reading the QR code…
            </span>
          )}
        </div>
        <p className="hint" id="age-key-hint">
          The agency makes it with age-keygen (or Token Vault: Receive tokens) and sends the line starting
          with age1, or shows it as a QR code: read a screenshot or photo of the code, or paste or drop one
          here. It is public: email is fine. You will see its fingerprint; {CONFIRM_BY_PHONE.toLowerCase()}
          {replacing ? ' The current key is kept on record, retired.' : ''}
        </p>
        <ErrorText message={error} />
        <div className="actions">
          <button type="button" onClick={onClose} disabled={busy}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={busy || reading}>
            {replacing ? 'Replace key' : 'Save key'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
