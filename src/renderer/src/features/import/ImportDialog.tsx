import { useEffect, useRef, useState } from 'react';
import {
  IMPORT_FORMATS,
  IMPORT_FORMAT_LABELS,
  type ImportFormat,
  type ImportPlan,
  type ImportPreview,
} from '../../../../shared/import-views';
import type { Account } from '../../../../shared/model';
import { PROFILES } from '../../../../shared/profiles';
import { plural } from '../../../../shared/plural';
import { call, messageOf } from '../../api';
import { Dialog } from '../../ui/Dialog';
import { ErrorText } from '../../ui/ErrorText';
import { MappingEditor } from './MappingEditor';
import { ImportPreviewTable } from './ImportPreviewTable';
import { readDroppedFile } from './read-dropped-file';
import './import-dialog.css';

type SourceFile = { name: string; path: string } | { name: string; bytesBase64: string };

const FROM_FILE = '';
const NEW_ACCOUNT = '__new__';

/** The last part of a path from a native dialog, Windows or POSIX. */
function fileNameOf(path: string): string {
  return path.split(/[\\/]/).pop() || path;
}

interface ImportDialogProps {
  accounts: Account[];
  droppedFile: File | null;
  onClose: () => void;
  onImported: () => void;
}

/**
 * Import from KeePass, Bitwarden, 1Password, .env or a spreadsheet: choose (or drop) a file, see what would happen
 * to each row, change the mapping, the accounts and the selection, then write it all or nothing. The values stay
 * in main; this dialog only ever sees masks and lengths.
 */
export function ImportDialog({ accounts, droppedFile, onClose, onImported }: ImportDialogProps) {
  const [file, setFile] = useState<SourceFile | null>(null);
  const [format, setFormat] = useState<ImportFormat | ''>('');
  const [needsPassword, setNeedsPassword] = useState(false);
  const [retryPassword, setRetryPassword] = useState(0);
  const [sourcePassword, setSourcePassword] = useState('');
  /** The KeePass key file, for a database opened by a key file (with or without a password). */
  const [keyFile, setKeyFile] = useState<{ name: string; path: string } | null>(null);
  const [opened, setOpened] = useState<{ importId: string; preview: ImportPreview } | null>(null);
  const [plan, setPlan] = useState<ImportPlan>({});
  const [target, setTarget] = useState(FROM_FILE);
  const [newAccountName, setNewAccountName] = useState('');
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const passwordInput = useRef<HTMLInputElement>(null);
  const doneNotice = useRef<HTMLParagraphElement>(null);
  const previewHeading = useRef<HTMLHeadingElement>(null);
  /** Counts the previews that should take the focus (a file chosen, dropped or unlocked, not a format change). */
  const [previewFocus, setPreviewFocus] = useState(0);
  const importId = opened?.importId;

  // The source kept in main is dropped when the dialog closes without importing.
  useEffect(
    () => () => {
      if (importId) void call('closeImport', { importId }).catch(() => undefined);
    },
    [importId],
  );

  const read = async (
    source: SourceFile,
    chosenFormat: ImportFormat | '',
    password?: string,
    keyFilePath?: string,
    moveFocus = true,
  ) => {
    setBusy(true);
    setError(null);
    try {
      const result = await call('openImportSource', {
        ...('path' in source ? { path: source.path } : { bytesBase64: source.bytesBase64 }),
        fileName: source.name,
        ...(chosenFormat ? { format: chosenFormat } : {}),
        ...(password ? { sourcePassword: password } : {}),
        ...(keyFilePath ? { keyFilePath } : {}),
      });
      setFormat(result.format);
      if ('needsPassword' in result) {
        setNeedsPassword(true);
        return;
      }
      setSourcePassword('');
      setKeyFile(null);
      setNeedsPassword(false);
      setPlan({});
      setTarget(FROM_FILE);
      setOpened({ importId: result.importId, preview: result.preview });
      if (moveFocus) setPreviewFocus((n) => n + 1);
    } catch (err) {
      setError(messageOf(err));
      if (password || keyFilePath) setRetryPassword((n) => n + 1);
    } finally {
      setBusy(false);
    }
  };

  // Focus goes to the password field when it appears and again (selected) after a wrong password.
  useEffect(() => {
    if (needsPassword) passwordInput.current?.select();
  }, [needsPassword, retryPassword]);

  useEffect(() => {
    if (!droppedFile) return;
    readDroppedFile(droppedFile).then(
      (bytesBase64) => {
        const source = { name: droppedFile.name, bytesBase64 };
        setFile(source);
        void read(source, '');
      },
      (err: Error) => setError(err.message),
    );
    // Read once per dropped file; ImportHost mounts a new dialog for another one.
  }, [droppedFile]);

  const choose = async () => {
    const picked = await call('chooseImportFile', {}).catch((err) => (setError(messageOf(err)), null));
    if (!picked) return;
    const source = { name: fileNameOf(picked.path), path: picked.path };
    setFile(source);
    setKeyFile(null);
    setOpened(null);
    void read(source, format);
  };

  const chooseKeyFile = async () => {
    const picked = await call('chooseImportKeyFile', {}).catch((err) => (setError(messageOf(err)), null));
    if (!picked) return;
    setKeyFile({ name: fileNameOf(picked.path), path: picked.path });
    setError(null);
    passwordInput.current?.focus();
  };

  const replan = async (next: ImportPlan) => {
    if (!opened) return;
    setPlan(next);
    setError(null);
    try {
      const preview = await call('previewImport', { importId: opened.importId, plan: next });
      setOpened({ importId: opened.importId, preview });
    } catch (err) {
      setError(messageOf(err));
    }
  };

  const chooseTarget = (value: string, name = newAccountName) => {
    setTarget(value);
    const { account: _dropped, selection: _reset, ...rest } = plan;
    void _dropped;
    void _reset;
    const account = value === NEW_ACCOUNT ? name.trim() : value;
    void replan(account ? { ...rest, account } : rest);
  };

  const toggle = (row: number) => {
    if (!opened) return;
    const current = new Set(opened.preview.rows.filter((r) => r.selected).map((r) => r.row));
    if (current.has(row)) current.delete(row);
    else current.add(row);
    void replan({ ...plan, selection: [...current].sort((a, b) => a - b) });
  };

  const commit = async () => {
    if (!opened) return;
    setBusy(true);
    setError(null);
    try {
      const selection = opened.preview.rows.filter((r) => r.selected).map((r) => r.row);
      const result = await call('commitImport', { importId: opened.importId, plan: { ...plan, selection } });
      setOpened(null);
      setDone(
        `Imported ${plural(result.imported, 'token')} from the ${opened.preview.formatLabel}${
          result.accountsCreated.length ? `; new accounts: ${result.accountsCreated.join(', ')}` : ''
        }.`,
      );
      onImported();
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  };

  // The Choose file… button (or the password form) disables or leaves while reading, which drops the focus to the
  // page: it goes to the preview's heading, from where Tab walks into the options and the rows.
  useEffect(() => {
    if (previewFocus > 0) previewHeading.current?.focus();
  }, [previewFocus]);

  useEffect(() => {
    if (done) doneNotice.current?.focus();
  }, [done]);

  const preview = opened?.preview;
  return (
    <Dialog title="Import tokens" onClose={onClose} wide>
      <div className="import-dialog">
        {done ? (
          <>
            <p className="notice" role="status" tabIndex={-1} ref={doneNotice}>
              {done}
            </p>
            <div className="actions">
              <button type="button" className="primary" onClick={onClose}>
                Done
              </button>
            </div>
          </>
        ) : (
          <>
            <p className="muted">
              From KeePass or KeePassXC, Bitwarden, 1Password, a .env file or a spreadsheet saved as CSV.
              Nothing is written until you press Import; you can also drop the file on the window.
            </p>
            <div className="import-source">
              <div className="field">
                <label htmlFor="import-format">Format</label>
                <select
                  id="import-format"
                  value={format}
                  onChange={(e) => {
                    const next = e.target.value as ImportFormat | '';
                    setFormat(next);
                    if (file) void read(file, next, undefined, undefined, false);
                  }}
                >
                  <option value="">Recognise from the file</option>
                  {IMPORT_FORMATS.map((f) => (
                    <option key={f} value={f}>
                      {IMPORT_FORMAT_LABELS[f]}
                    </option>
                  ))}
                </select>
              </div>
              <div className="field">
                <span className="field-label" id="import-file-label">
                  File
                </span>
                <div className="row">
                  <span className="import-file-name" aria-labelledby="import-file-label">
                    {file ? file.name : 'No file chosen'}
                  </span>
                  <button type="button" onClick={choose} disabled={busy}>
                    Choose file…
                  </button>
                </div>
              </div>
            </div>
            {needsPassword && file && (
              <form
                className="row import-password"
                onSubmit={(event) => {
                  event.preventDefault();
                  void read(file, format, sourcePassword, keyFile?.path);
                }}
              >
                <label htmlFor="import-source-password">Password of {file.name}</label>
                <input
                  id="import-source-password"
                  ref={passwordInput}
                  type="password"
                  autoComplete="off"
                  aria-describedby="import-key-file-state"
                  value={sourcePassword}
                  onChange={(e) => setSourcePassword(e.target.value)}
                />
                {keyFile ? (
                  <>
                    <span id="import-key-file-state" className="muted import-key-file">
                      Key file: {keyFile.name}
                    </span>
                    <button type="button" onClick={() => setKeyFile(null)} disabled={busy}>
                      Remove key file
                    </button>
                  </>
                ) : (
                  <>
                    <span id="import-key-file-state" className="visually-hidden">
                      No key file; choose one if the database has one.
                    </span>
                    <button type="button" onClick={chooseKeyFile} disabled={busy}>
                      Key file…
                    </button>
                  </>
                )}
                <button type="submit" className="primary" disabled={(!sourcePassword && !keyFile) || busy}>
                  Open
                </button>
              </form>
            )}
            {busy && !preview && (
              <p className="muted" role="status">
                Reading {file?.name}…
              </p>
            )}
            {preview && (
              <section aria-labelledby="import-preview-title">
                <h3 id="import-preview-title" tabIndex={-1} ref={previewHeading}>
                  {plural(preview.counts.rows, 'row')} from the {preview.formatLabel}
                </h3>
                <p className="muted" role="status">
                  {preview.counts.selected} selected · {preview.counts.refused} refused by a profile rule or
                  invalid · {preview.counts.duplicates} already in the vault or twice in the file.
                </p>
                {preview.notes.map((note) => (
                  <p key={note} className="hint">
                    {note}
                  </p>
                ))}
                <div className="import-options">
                  <div className="field">
                    <label htmlFor="import-target">Put the tokens in</label>
                    <select id="import-target" value={target} onChange={(e) => chooseTarget(e.target.value)}>
                      <option value={FROM_FILE}>The accounts the file names (groups, folders, vaults)</option>
                      {accounts.map((a) => (
                        <option key={a.id} value={String(a.id)}>
                          {a.name}
                        </option>
                      ))}
                      <option value={NEW_ACCOUNT}>A new account…</option>
                    </select>
                  </div>
                  {target === NEW_ACCOUNT && (
                    <div className="field">
                      <label htmlFor="import-new-account">New account name</label>
                      <input
                        id="import-new-account"
                        value={newAccountName}
                        onChange={(e) => setNewAccountName(e.target.value)}
                        onBlur={() => chooseTarget(NEW_ACCOUNT)}
                        onKeyDown={(e) => {
                          if (e.key === 'Enter') {
                            e.preventDefault();
                            chooseTarget(NEW_ACCOUNT);
                          }
                        }}
                      />
                    </div>
                  )}
                  <div className="field">
                    <label htmlFor="import-profile">Profile of new accounts</label>
                    <select
                      id="import-profile"
                      value={plan.newAccountProfile ?? 'generic'}
                      onChange={(e) => {
                        const { selection: _reset, ...rest } = plan;
                        void _reset;
                        void replan({ ...rest, newAccountProfile: e.target.value });
                      }}
                    >
                      {PROFILES.map((p) => (
                        <option key={p.id} value={p.id}>
                          {p.label}
                        </option>
                      ))}
                    </select>
                  </div>
                </div>
                <MappingEditor
                  columns={preview.columns}
                  mapping={preview.mapping}
                  onChange={(field, column) => {
                    const { selection: _reset, ...rest } = plan;
                    void _reset;
                    void replan({ ...rest, mapping: { ...plan.mapping, [field]: column } });
                  }}
                />
                <ImportPreviewTable rows={preview.rows} onToggle={toggle} />
              </section>
            )}
            <ErrorText message={error} />
            <div className="actions">
              <button type="button" onClick={onClose}>
                Cancel
              </button>
              {preview && (
                <button
                  type="button"
                  className="primary"
                  onClick={commit}
                  disabled={busy || preview.counts.selected === 0}
                >
                  Import {plural(preview.counts.selected, 'token')}
                </button>
              )}
            </div>
          </>
        )}
      </div>
    </Dialog>
  );
}
