import { useState } from 'react';
import type { Account, TokenMeta, TokenRole } from '../../../../shared/model';
import { findKindRule, findProfile, GENERIC_PROFILE } from '../../../../shared/profiles';
import { localDayOf, startOfLocalDay } from '../../../../shared/dates';
import {
  fixedDescription as fixedDescriptionFor,
  fixedValueLength,
  platformIssuesValues,
} from '../../../../shared/token-questions';
import { ApiError, call, messageOf } from '../../api';
import { Dialog } from '../../ui/Dialog';
import { ErrorText } from '../../ui/ErrorText';
import { SecretInput } from '../../ui/SecretInput';
import { ValueSourceChoice, type ValueSource } from '../../ui/ValueSourceChoice';
import { FieldError } from '../../ui/FieldError';
import { Field } from '../../ui/Field';
import { ROLE_WORDS } from './role-words';

/** The form's controls by the field names core's refusals carry (VaultError.field), so a refusal marks its field. */
const FIELD_INPUT_IDS = {
  name: 'token-name',
  accountId: 'token-account',
  kind: 'token-kind',
  role: 'token-role',
  keyId: 'token-key-id',
  assignedTo: 'token-assigned',
  description: 'token-description',
  value: 'token-value',
} as const;
type FormField = keyof typeof FIELD_INPUT_IDS;
const isFormField = (field: string | undefined): field is FormField =>
  field !== undefined && Object.hasOwn(FIELD_INPUT_IDS, field);

interface TokenDialogProps {
  accounts: Account[];
  defaultAccountId: number | null;
  token?: TokenMeta;
  onClose: () => void;
  onSaved: (token: TokenMeta) => void;
}

/** Add a token (generated or pasted value) or edit one (metadata, and optionally a new value). */
export function TokenDialog({ accounts, defaultAccountId, token, onClose, onSaved }: TokenDialogProps) {
  const editing = token !== undefined;
  const [accountId, setAccountId] = useState<number | ''>(
    token?.accountId ?? defaultAccountId ?? accounts[0]?.id ?? '',
  );
  const [name, setName] = useState(token?.name ?? '');
  const profileOf = (id: number | '') =>
    findProfile(accounts.find((account) => account.id === id)?.profile ?? '') ?? GENERIC_PROFILE;
  const profile = profileOf(accountId);
  const [kind, setKind] = useState(token?.kind ?? profile.defaultKind);
  const rule = findKindRule(profile, kind);
  const [role, setRole] = useState<TokenRole>(token?.role ?? rule?.roles[0] ?? 'standalone');
  const roles: readonly TokenRole[] = rule?.roles ?? ['standalone', 'primary', 'secondary'];
  const [description, setDescription] = useState(token?.description ?? '');
  const [keyId, setKeyId] = useState(token?.keyId ?? '');
  const [assignedTo, setAssignedTo] = useState(token?.assignedTo ?? '');
  const [application, setApplication] = useState(token?.application ?? '');
  // The expiry is shown and sent as the user's own calendar day (src/shared/dates.ts), never as the UTC day.
  const [expiresAt, setExpiresAt] = useState(token?.expiresAt ? localDayOf(token.expiresAt) : '');
  // Where the platform issues the values (Engaging Networks, ON24, Emplifi) a random string would work nowhere, and
  // core refuses one: the value is pasted. Elsewhere generating is the default until the admin picks.
  const [pickedMode, setValueMode] = useState<ValueSource | null>(null);
  const issuedByPlatform = platformIssuesValues(profile, { kind, role });
  const valueMode: ValueSource = issuedByPlatform ? 'paste' : (pickedMode ?? 'generate');
  const [length, setLength] = useState(
    fixedValueLength(profile, { kind, role: token?.role ?? rule?.roles[0] ?? 'standalone' }) ?? 64,
  );
  // A fixed value shape (endpoint secondaries: 64 alphanumerics) is the platform's, so the length is not a choice.
  // Emplifi sets the primary's description itself ("NAME Primary Token"); it is shown, not edited.
  const accountName = accounts.find((account) => account.id === accountId)?.name ?? '';
  const fixedDescription = fixedDescriptionFor(profile, { kind, role }, accountName);
  const fixedLength = fixedValueLength(profile, { kind, role });

  /** Kind and role follow the account's platform rules: switching account or kind picks allowed defaults. */
  const chooseKind = (nextKind: string, nextProfile = profile) => {
    setKind(nextKind);
    const nextRule = findKindRule(nextProfile, nextKind);
    if (nextRule && !nextRule.roles.includes(role)) setRole(nextRule.roles[0]!);
  };
  const chooseAccount = (id: number) => {
    setAccountId(id);
    const nextProfile = profileOf(id);
    if (nextProfile.kinds.length && !nextProfile.kinds.includes(kind))
      chooseKind(nextProfile.defaultKind, nextProfile);
  };
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<FormField, string>>>({});
  /** A field's error wiring: marked invalid and described by its error line (with its hint, if it has one). */
  const invalid = (field: FormField, hintId?: string) => {
    const described = [hintId, fieldErrors[field] ? `${FIELD_INPUT_IDS[field]}-error` : undefined]
      .filter(Boolean)
      .join(' ');
    return {
      'aria-invalid': fieldErrors[field] ? true : undefined,
      'aria-describedby': described || undefined,
    };
  };
  const fieldError = (field: FormField) => (
    <FieldError id={FIELD_INPUT_IDS[field]} message={fieldErrors[field] ?? null} />
  );
  const [busy, setBusy] = useState(false);

  const optional = (text: string) => (text.trim() ? text.trim() : null);

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setError(null);
    if (accountId === '') return setError('Add an account first: every token belongs to one.');
    const missing = {
      ...(name.trim() ? {} : { name: 'Give the token a name: what it is for.' }),
      ...(!editing && valueMode === 'paste' && !value
        ? {
            value: issuedByPlatform
              ? `Paste the value ${profile.label} issued.`
              : `Paste the value ${profile.label} issued, or choose to generate one.`,
          }
        : {}),
    };
    setFieldErrors(missing);
    if (missing.name || missing.value) {
      document.getElementById(missing.name ? 'token-name' : 'token-value')?.focus();
      return;
    }
    setBusy(true);
    try {
      const common = {
        name,
        kind,
        role,
        description: fixedDescription ?? description,
        keyId: optional(keyId),
        assignedTo: optional(assignedTo),
        application: optional(application),
        expiresAt: expiresAt ? (startOfLocalDay(expiresAt) ?? expiresAt) : null,
      };
      const saved = editing
        ? await call('updateToken', { id: token.id, ...common })
        : await call('createToken', {
            accountId,
            ...common,
            ...(valueMode === 'paste' ? { value } : { generate: { length: fixedLength ?? length } }),
          });
      setValue('');
      onSaved(saved);
    } catch (err) {
      setBusy(false);
      // Core names the field a refusal is about (a user to assign, a key id): that field is marked and focused.
      const field = err instanceof ApiError ? err.field : undefined;
      const control = isFormField(field) ? document.getElementById(FIELD_INPUT_IDS[field]) : null;
      if (isFormField(field) && control) {
        setFieldErrors({ [field]: messageOf(err) });
        control.focus();
      } else setError(messageOf(err));
    }
  };

  return (
    <Dialog title={editing ? `Edit “${token.name}”` : 'New token'} onClose={onClose} wide>
      <form
        className="form"
        onSubmit={submit}
        onChange={() => (setError(null), setFieldErrors({}))}
        noValidate
      >
        <div className="field-grid">
          <Field id="token-name" label="Name (what it is for)" wide>
            <input
              id="token-name"
              value={name}
              onChange={(e) => setName(e.target.value)}
              placeholder="Salesforce sync"
              {...invalid('name')}
            />
            {fieldError('name')}
          </Field>
          {!editing && (
            <Field id="token-account" label="Account">
              <select
                id="token-account"
                value={accountId}
                onChange={(e) => chooseAccount(Number(e.target.value))}
                {...invalid('accountId')}
              >
                {accounts.map((account) => (
                  <option key={account.id} value={account.id}>
                    {account.name}
                  </option>
                ))}
              </select>
              {fieldError('accountId')}
            </Field>
          )}
          {profile.kindRules.length > 0 ? (
            <Field id="token-kind" label="Kind">
              <select
                id="token-kind"
                value={kind}
                onChange={(e) => chooseKind(e.target.value)}
                disabled={editing}
                {...invalid('kind')}
              >
                {profile.kindRules.map((r) => (
                  <option key={r.kind} value={r.kind}>
                    {r.label}
                  </option>
                ))}
              </select>
              {fieldError('kind')}
            </Field>
          ) : (
            <Field id="token-kind" label="Kind" hint="Lower-case words joined by dashes, e.g. api-token.">
              <input
                id="token-kind"
                value={kind}
                onChange={(e) => setKind(e.target.value)}
                {...invalid('kind', 'token-kind-hint')}
                spellCheck={false}
              />
              {fieldError('kind')}
            </Field>
          )}
          <Field id="token-role" label="Role">
            <select
              id="token-role"
              value={role}
              onChange={(e) => setRole(e.target.value as TokenRole)}
              disabled={roles.length === 1}
              {...invalid('role')}
            >
              {roles.map((r) => (
                <option key={r} value={r}>
                  {ROLE_WORDS[r]}
                </option>
              ))}
            </select>
            {fieldError('role')}
          </Field>
          <Field id="token-expires" label="Expires on">
            <input
              id="token-expires"
              type="date"
              value={expiresAt}
              onChange={(e) => setExpiresAt(e.target.value)}
            />
          </Field>
          {/* A key id only where the platform has one (ON24 token key, OAuth site key) or any kind goes. */}
          {(!rule || rule.requiresKeyId || keyId) && (
            <Field
              id="token-key-id"
              label={`${rule?.keyIdLabel ?? 'Key id'} (not secret)${rule?.requiresKeyId ? ', required' : ''}`}
            >
              <input
                id="token-key-id"
                value={keyId}
                onChange={(e) => setKeyId(e.target.value)}
                spellCheck={false}
                {...invalid('keyId')}
              />
              {fieldError('keyId')}
            </Field>
          )}
          <Field
            id="token-assigned"
            label={`${rule?.assignedToLabel ?? 'Assigned to'}${rule?.requiresAssignedTo ? ', required' : ''}`}
          >
            <input
              id="token-assigned"
              value={assignedTo}
              onChange={(e) => setAssignedTo(e.target.value)}
              {...invalid('assignedTo')}
            />
            {fieldError('assignedTo')}
          </Field>
          <Field id="token-application" label="Application">
            <input
              id="token-application"
              value={application}
              onChange={(e) => setApplication(e.target.value)}
            />
          </Field>
          <Field
            id="token-description"
            label={
              fixedDescription
                ? `Description (set by ${profile.label})`
                : profile.descriptionRequired
                  ? 'Description, required'
                  : 'Description'
            }
            wide
          >
            <textarea
              id="token-description"
              rows={2}
              value={fixedDescription ?? description}
              readOnly={fixedDescription !== null}
              onChange={(e) => setDescription(e.target.value)}
              {...invalid('description')}
            />
            {fieldError('description')}
          </Field>
        </div>
        {editing ? (
          <p className="hint">
            To give this token a new value, use Regenerate…: it keeps the old value for rollback and warns you
            when the token is in use.
          </p>
        ) : (
          <fieldset className="value-mode">
            <legend>Value</legend>
            {!issuedByPlatform && (
              <ValueSourceChoice
                name="value-mode"
                value={valueMode}
                onChange={setValueMode}
                generateLabel="Generate a random value"
              />
            )}
            {valueMode === 'generate' && fixedLength !== null && (
              <p className="hint">
                {fixedLength} letters and digits, the shape {profile.label} uses for this token.
              </p>
            )}
            {valueMode === 'generate' && fixedLength === null && (
              <div className="row">
                <label htmlFor="token-length">Length</label>
                <input
                  id="token-length"
                  type="number"
                  min={8}
                  max={4096}
                  value={length}
                  onChange={(e) => setLength(Number(e.target.value))}
                />
                <span className="hint">letters and digits from a cryptographic random source</span>
              </div>
            )}
            {valueMode === 'paste' && (
              <SecretInput
                id="token-value"
                label={rule?.valueLabel ?? 'Token value'}
                value={value}
                onChange={setValue}
                error={fieldErrors.value ?? null}
              />
            )}
          </fieldset>
        )}
        <ErrorText message={error} />
        <div className="actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          {/* Never disabled while busy: a disabled button drops the focus to the page, and a refusal must not. */}
          <button type="submit" className="primary" aria-disabled={busy || undefined}>
            {editing ? 'Save' : 'Add token'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
