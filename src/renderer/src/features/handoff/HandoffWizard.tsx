import { useEffect, useMemo, useRef, useState } from 'react';
import type { AgeKeyView, RecipientView } from '../../../../shared/api';
import { HANDOFF_FIELDS, type HandoffField } from '../../../../shared/handoff-format';
import type { TokenMeta } from '../../../../shared/model';
import { TokenSearchIndex } from '../../../../shared/token-search-index';
import { call, messageOf } from '../../api';
import { Dialog } from '../../ui/Dialog';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { ErrorText } from '../../ui/ErrorText';
import { DEFAULT_HANDOFF_FIELDS } from '../../../../shared/handoff-defaults';
import { AgeBundleReady, type AgeBundleResult } from './AgeBundleReady';
import { plural } from '../../../../shared/token-state-vocabulary';

const FIELD_LABELS: Record<HandoffField, string> = {
  value: 'Token values',
  'key-id': 'Key ids',
  description: 'Descriptions',
  endpoints: 'Endpoints',
};
const CHANNELS = [
  ['sms', 'SMS'],
  ['whatsapp', 'WhatsApp'],
  ['phone', 'Phone call'],
  ['other', 'Another channel'],
] as const;

const PICK_LIST_LIMIT = 200;

/**
 * A chosen file name follows the protection: `.age` for a bundle encrypted to a key, `.zip` for a password ZIP. Main
 * writes only where the user picked in the save dialog (src/main/session/chosen-files.ts), so a file whose extension
 * would change is forgotten and picked again, never renamed here.
 */
function withExtension(path: string, toKey: boolean): string {
  return path.replace(/\.(zip|age)$/i, toKey ? '.age' : '.zip') === path ? path : '';
}

interface Result {
  fileName: string;
  recipient: string;
  tokenCount: number;
  password: string;
  entropyBits: number;
  qrSvg: string;
  channel: string;
}

/**
 * Hand tokens to an agency: choose tokens, fields, recipient and file; main writes the AES-256 ZIP and generates
 * the password, shown here once (large, with a QR code) and dropped when the dialog closes.
 */
export function HandoffWizard({
  tokens,
  preselected,
  onClose,
  onDone,
}: {
  tokens: TokenMeta[];
  preselected: number | null;
  onClose: () => void;
  onDone: () => void;
}) {
  const [chosen, setChosen] = useState<Set<number>>(new Set(preselected !== null ? [preselected] : []));
  const [filter, setFilter] = useState('');
  const [fields, setFields] = useState<Set<HandoffField>>(new Set(DEFAULT_HANDOFF_FIELDS));
  const [recipients, setRecipients] = useState<RecipientView[]>([]);
  const [recipientId, setRecipientId] = useState<number | ''>('');
  const [newRecipient, setNewRecipient] = useState('');
  const [channel, setChannel] = useState<(typeof CHANNELS)[number][0]>('sms');
  const [outPath, setOutPath] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<Result | null>(null);
  const [ageResult, setAgeResult] = useState<AgeBundleResult | null>(null);
  const [recipientKey, setRecipientKey] = useState<AgeKeyView | null>(null);
  // Encrypting to the recipient's age key is the default whenever they have one.
  const [protection, setProtection] = useState<'age' | 'password'>('password');
  const [armor, setArmor] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [askClose, setAskClose] = useState(false);
  const recipientSelect = useRef<HTMLSelectElement>(null);

  useEffect(() => {
    call('listRecipients', {}).then(
      (list) => {
        setRecipients(list.filter((r) => !r.archived));
        if (list[0]) setRecipientId(list[0].id);
      },
      (err) => setError(messageOf(err)),
    );
  }, []);

  useEffect(() => {
    if (recipientId === '') return;
    let current = true;
    call('getRecipientKeys', { id: recipientId }).then(
      (keys) => {
        if (!current) return;
        setRecipientKey(keys.current);
        setProtection(keys.current ? 'age' : 'password');
        setOutPath((path) => withExtension(path, keys.current !== null));
      },
      (err) => current && setError(messageOf(err)),
    );
    return () => {
      current = false;
    };
  }, [recipientId]);
  const toKey = protection === 'age' && recipientKey !== null;
  const extension = toKey ? '.age' : '.zip';

  const index = useMemo(() => {
    const built = new TokenSearchIndex();
    built.load(tokens);
    return built;
  }, [tokens]);
  // A search starts building the index's sets in the background; closing the wizard (or new tokens) drops it.
  useEffect(() => () => index.stopBuilding(), [index]);
  const matching = useMemo(() => index.query(filter ? { search: filter } : {}), [index, filter]);
  // A list of checkboxes stays short enough to read and render; beyond it, the filter narrows (and says so).
  const visible = matching.slice(0, PICK_LIST_LIMIT);

  const toggle = <T,>(set: Set<T>, value: T) => {
    const next = new Set(set);
    if (next.has(value)) next.delete(value);
    else next.add(value);
    return next;
  };

  const addRecipient = async () => {
    if (!newRecipient.trim()) return;
    setError(null);
    try {
      const created = await call('createRecipient', { name: newRecipient });
      setRecipients((list) => [...list, created]);
      setRecipientId(created.id);
      setNewRecipient('');
      // The Add button disables itself once the name is empty, which would drop focus to the page: it goes to the
      // Recipient select instead, where the new recipient is now chosen.
      recipientSelect.current?.focus();
    } catch (err) {
      setError(messageOf(err));
    }
  };

  const chooseFile = async () => {
    const name = recipients.find((r) => r.id === recipientId)?.name ?? 'agency';
    const slug =
      name
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-|-$/g, '') || 'agency';
    const picked = await call('chooseBundleFile', { suggestedName: `tokens-for-${slug}${extension}` }).catch(
      (err) => (setError(messageOf(err)), null),
    );
    if (picked) setOutPath(picked.path);
  };

  const create = async (event: React.FormEvent) => {
    event.preventDefault();
    setError(null);
    if (chosen.size === 0) return setError('Choose at least one token.');
    if (recipientId === '') return setError('Choose who receives the tokens, or add them.');
    if (!outPath) return setError('Choose where to save the bundle.');
    setBusy(true);
    try {
      if (toKey) {
        const { handoff } = await call('exportHandoffToKey', {
          recipientId,
          tokenIds: [...chosen],
          fields: [...fields],
          outPath,
          armor,
        });
        setAgeResult({
          fileName: handoff.fileName,
          recipient: handoff.recipient,
          tokenCount: handoff.tokens.length,
          fingerprint: handoff.keyFingerprint ?? '',
        });
        onDone();
        return;
      }
      const exported = await call('exportHandoff', {
        recipientId,
        tokenIds: [...chosen],
        fields: [...fields],
        outPath,
        channel,
      });
      setResult({
        fileName: exported.handoff.fileName,
        recipient: exported.handoff.recipient,
        tokenCount: exported.handoff.tokens.length,
        password: exported.password,
        entropyBits: exported.entropyBits,
        qrSvg: exported.qrSvg,
        channel: CHANNELS.find(([id]) => id === channel)?.[1] ?? channel,
      });
      onDone();
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  };

  if (ageResult) return <AgeBundleReady result={ageResult} onClose={onClose} />;
  if (result) {
    return (
      // Escape and × ask first: the password is shown once, and closing by reflex would lose it.
      // Its own dialog (key): focus moves into it, where the form's disabled button had dropped it to the page.
      <Dialog
        key="bundle-ready"
        title="Bundle ready: send the password separately"
        onClose={() => setAskClose(true)}
        wide
      >
        <p>
          <strong>{result.fileName}</strong> holds {plural(result.tokenCount, 'token')} for {result.recipient}
          . Send the file one way (email, file transfer) and this password another way:{' '}
          <strong>{result.channel}</strong>. Never put both in the same message.
        </p>
        <div className="bundle-password-box">
          <div>
            <p className="label" id="bundle-password-label">
              Bundle password ({Math.floor(result.entropyBits)} bits), shown once
            </p>
            <p
              className="bundle-password"
              aria-labelledby="bundle-password-label"
              data-testid="bundle-password"
            >
              {result.password}
            </p>
            <div className="actions">
              <button
                type="button"
                className="primary"
                onClick={async () => {
                  const copied = await call('copyBundlePassword', { password: result.password });
                  setNotice(`Copied. The clipboard will be cleared in ${copied.clearsAfterSeconds} s.`);
                }}
              >
                Copy password
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
            alt="QR code of the bundle password, to read it on a phone"
            src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(result.qrSvg)}`}
          />
        </div>
        <p className="hint">
          The recipient opens the bundle with 7-Zip, Keka, The Unarchiver or WinRAR (Windows Explorer and the
          macOS Archive Utility cannot). Token Vault does not keep this password: if it is lost, make a new
          bundle.
        </p>
        <div className="actions">
          <button type="button" className="primary" onClick={onClose}>
            Done
          </button>
        </div>
        {askClose && (
          <ConfirmDialog
            title="Close the bundle password?"
            confirmLabel="Close it"
            cancelLabel="Keep it on screen"
            onCancel={() => setAskClose(false)}
            onConfirm={onClose}
          >
            <p>
              The password is shown only once and Token Vault does not keep it. Without it, {result.recipient}{' '}
              cannot open the bundle and you will have to make a new one.
            </p>
          </ConfirmDialog>
        )}
      </Dialog>
    );
  }

  return (
    <Dialog title="Hand tokens to an agency" onClose={onClose} wide>
      <form className="form handoff-form" onSubmit={create} noValidate>
        <fieldset className="value-mode">
          <legend>Tokens ({chosen.size} chosen)</legend>
          <label htmlFor="handoff-filter" className="visually-hidden">
            Filter tokens
          </label>
          <input
            id="handoff-filter"
            type="search"
            placeholder="Filter tokens"
            value={filter}
            onChange={(e) => setFilter(e.target.value)}
          />
          {matching.length > visible.length && (
            <p className="hint" id="handoff-limit">
              Showing {visible.length} of {matching.length} tokens: type to narrow them down.
            </p>
          )}
          <div className="row">
            <button
              type="button"
              onClick={() => setChosen((set) => new Set([...set, ...matching.map((t) => t.id)]))}
              disabled={matching.length === 0}
            >
              Choose all {matching.length}
            </button>
            <button type="button" onClick={() => setChosen(new Set())} disabled={chosen.size === 0}>
              Choose none
            </button>
          </div>
          <ul className="pick-list">
            {visible.map((token) => (
              <li key={token.id}>
                <label className="check">
                  <input
                    type="checkbox"
                    checked={chosen.has(token.id)}
                    onChange={() => setChosen((set) => toggle(set, token.id))}
                  />
                  {token.name} <span className="muted small">{token.accountName}</span>
                </label>
              </li>
            ))}
          </ul>
        </fieldset>
        <div className="handoff-side">
          <fieldset className="value-mode">
            <legend>What goes in</legend>
            {HANDOFF_FIELDS.map((field) => (
              <label key={field} className="check">
                <input
                  type="checkbox"
                  checked={fields.has(field)}
                  onChange={() => setFields((set) => toggle(set, field))}
                />
                {FIELD_LABELS[field]}
              </label>
            ))}
          </fieldset>
          <label htmlFor="handoff-recipient">Recipient</label>
          <select
            id="handoff-recipient"
            ref={recipientSelect}
            value={recipientId}
            onChange={(e) => setRecipientId(Number(e.target.value))}
          >
            {recipients.length === 0 && <option value="">No recipients yet: add one below</option>}
            {recipients.map((r) => (
              <option key={r.id} value={r.id}>
                {r.name}
                {r.organisation ? ` (${r.organisation})` : ''}
              </option>
            ))}
          </select>
          <div className="row">
            <label htmlFor="handoff-new-recipient" className="visually-hidden">
              New recipient name
            </label>
            <input
              id="handoff-new-recipient"
              placeholder="New recipient (agency or developer)"
              value={newRecipient}
              onChange={(e) => setNewRecipient(e.target.value)}
              onKeyDown={(event) => {
                // Enter here means "add this recipient", not "create the bundle" (the form's submit).
                if (event.key !== 'Enter') return;
                event.preventDefault();
                void addRecipient();
              }}
            />
            <button type="button" onClick={addRecipient} disabled={!newRecipient.trim()}>
              Add recipient
            </button>
          </div>
          {recipientKey ? (
            <fieldset className="value-mode">
              <legend>How the bundle is protected</legend>
              <label className="check">
                <input
                  type="radio"
                  name="handoff-protection"
                  checked={protection === 'age'}
                  onChange={() => (setProtection('age'), setOutPath((path) => withExtension(path, true)))}
                />
                Encrypt to their key (fingerprint {recipientKey.fingerprint}): no password to send
              </label>
              {protection === 'age' && (
                <label className="check indent">
                  <input type="checkbox" checked={armor} onChange={(e) => setArmor(e.target.checked)} />
                  As text (ASCII-armored), for channels that only carry text
                </label>
              )}
              <label className="check">
                <input
                  type="radio"
                  name="handoff-protection"
                  checked={protection === 'password'}
                  onChange={() => (
                    setProtection('password'),
                    setOutPath((path) => withExtension(path, false))
                  )}
                />
                Password-protected ZIP (the password goes by another channel)
              </label>
            </fieldset>
          ) : (
            recipientId !== '' && (
              <p className="hint">
                This recipient has no age key, so the bundle is a password ZIP. Add their age key in
                Recipients to send bundles without a password.
              </p>
            )
          )}
          {toKey ? (
            <p className="hint">
              They open it with <code>age -d -i key.txt FILE.age &gt; tokens.zip</code>, or with Token Vault
              (Open bundle).
            </p>
          ) : (
            <>
              <label htmlFor="handoff-channel">The password will travel by</label>
              <select
                id="handoff-channel"
                value={channel}
                onChange={(e) => setChannel(e.target.value as typeof channel)}
              >
                {CHANNELS.map(([id, label]) => (
                  <option key={id} value={id}>
                    {label}
                  </option>
                ))}
              </select>
            </>
          )}
          <label htmlFor="handoff-file">Bundle file</label>
          <div className="row">
            <input
              id="handoff-file"
              value={outPath}
              readOnly
              placeholder={`Choose where to save the ${extension} file…`}
            />
            <button type="button" onClick={chooseFile}>
              Choose…
            </button>
          </div>
          <ErrorText message={error} />
          <div className="actions">
            <button type="button" onClick={onClose}>
              Cancel
            </button>
            <button type="submit" className="primary" disabled={busy}>
              {busy ? 'Writing the bundle…' : 'Create bundle'}
            </button>
          </div>
        </div>
      </form>
    </Dialog>
  );
}
