import { useCallback, useEffect, useState } from 'react';
import type { Account, TokenMeta, VaultEvent } from '../../../../shared/model';
import { findKindRule } from '../../../../shared/profiles';
import { profileOrGeneric, tokenActions, warnDaysPhrase } from '../../../../shared/token-questions';
import { describeTokenState } from '../../../../shared/token-state-vocabulary';
import type { TokenState, TokenUsage } from '../../../../shared/token-views';
import { call, messageOf } from '../../api';
import { ErrorText } from '../../ui/ErrorText';
import { formatDate, formatDay, localDay, startOfLocalDay } from '../../ui/format';
import { DateDialog } from '../lifecycle/DateDialog';
import { DeleteTokenDialog } from '../lifecycle/DeleteTokenDialog';
import { usagePhrases } from '../lifecycle/InUseWarning';
import { MappingsPanel } from '../lifecycle/MappingsPanel';
import { RegenerateDialog } from '../lifecycle/RegenerateDialog';
import { HistoryTimeline } from './HistoryTimeline';

export const REVEAL_SECONDS = 20;

/** A label and value for the field list; an empty field the profile does not use is left out. */
function optionalField(label: string, value: string | null, always: boolean): [string, string][] {
  return value !== null || always ? [[label, value ?? '—']] : [];
}

interface TokenDetailProps {
  token: TokenMeta;
  account: Account | undefined;
  /** Effective state now (inactivity clock, expiry), computed in main. */
  state: TokenState | undefined;
  allTokens: TokenMeta[];
  onEdit: () => void;
  onDeleted: () => void;
  /** After a lifecycle change: the parent reloads tokens and states. */
  onChanged: () => void;
  /** Bumped by the parent after any change, so the history reloads. */
  version: number;
}

export function TokenDetail(props: TokenDetailProps) {
  const { token, account, state, allTokens, onEdit, onDeleted, onChanged, version } = props;
  const [revealed, setRevealed] = useState<string | null>(null);
  const [history, setHistory] = useState<VaultEvent[]>([]);
  const [usage, setUsage] = useState<TokenUsage | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [dialog, setDialog] = useState<null | 'delete' | 'regenerate' | 'activity' | 'expiry'>(null);
  const profile = profileOrGeneric(account?.profile);
  const rule = findKindRule(profile, token.kind);
  // What may be done and how the state reads are answered in shared, from the profile and core's state.
  const actions = tokenActions(profile, token, state);
  const described = describeTokenState(token, state);

  const loadHistory = useCallback(() => {
    call('tokenHistory', { id: token.id }).then(setHistory, (err) => setError(messageOf(err)));
    call('tokenUsage', { id: token.id }).then(setUsage, () => setUsage(null));
  }, [token.id]);

  /** One lifecycle step: the change and its event happen in main; here the lists and history reload. */
  const lifecycle = async (work: () => Promise<unknown>, message: string) => {
    setError(null);
    try {
      await work();
      setNotice(message);
      onChanged();
    } catch (err) {
      setError(messageOf(err));
    }
  };

  // The parent keys this component by token id, so switching tokens starts from a clean (hidden) state.
  useEffect(() => {
    loadHistory();
  }, [version, loadHistory]);

  // A revealed value hides itself again: it never stays on screen by accident.
  useEffect(() => {
    if (revealed === null) return;
    const timer = window.setTimeout(() => setRevealed(null), REVEAL_SECONDS * 1000);
    return () => window.clearTimeout(timer);
  }, [revealed]);

  const reveal = async () => {
    if (revealed !== null) return setRevealed(null);
    try {
      setRevealed((await call('revealToken', { id: token.id })).value);
      loadHistory();
    } catch (err) {
      setError(messageOf(err));
    }
  };

  const copy = async () => {
    try {
      const { clearsAfterSeconds } = await call('copyToken', { id: token.id });
      setNotice(`Copied. The clipboard will be cleared in ${clearsAfterSeconds} s.`);
      loadHistory();
    } catch (err) {
      setError(messageOf(err));
    }
  };

  const inactivity = state?.inactivity ?? null;
  const fields: [string, string][] = [
    ['Account', `${token.accountName} (${profile.label})`],
    ['Kind', rule?.label ?? token.kind],
    ['Role', token.role],
    ['Status', described.summary],
    // A platform's own fields always show; the others only when they hold something (no "Key id: —" on a bearer).
    ...optionalField(rule?.keyIdLabel ?? 'Key id', token.keyId, !rule || rule.requiresKeyId === true),
    ...optionalField(
      rule?.assignedToLabel ?? 'Assigned to',
      token.assignedTo,
      !rule || rule.requiresAssignedTo === true,
    ),
    ...optionalField('Application', token.application, !rule || profile.mapping),
    ['Created', formatDate(token.createdAt)],
    ['Updated', formatDate(token.updatedAt)],
    ['Generated', formatDate(token.generatedAt)],
    ['Last activity', token.lastActivityAt ? formatDate(token.lastActivityAt) : 'never recorded'],
    ...(inactivity
      ? ([
          [
            'Inactivity limit',
            inactivity.disabled
              ? `reached on ${formatDay(inactivity.limitAt)}`
              : `${formatDay(inactivity.limitAt)} (${inactivity.daysLeft} days left)`,
          ],
        ] as [string, string][])
      : []),
    ['Expires', token.expiresAt ? formatDay(token.expiresAt) : 'never'],
    ['Earlier values kept', String(token.previousValueCount)],
    [
      'Handed to',
      usage?.handedTo.length
        ? usage.handedTo.map((h) => `${h.recipient} (${formatDay(h.lastHandedAt)})`).join(', ')
        : 'nobody',
    ],
    [
      'Used by',
      usage ? usagePhrases({ ...usage, handedTo: [] }).join('; ') || 'no mapping or endpoint' : '—',
    ],
  ];
  const today = localDay(new Date());

  return (
    <section className="detail" aria-labelledby="detail-title">
      <header className="detail-header">
        <h2 id="detail-title">{token.name}</h2>
        <div className="actions">
          <button type="button" onClick={onEdit}>
            Edit
          </button>
          <button type="button" onClick={() => setDialog('regenerate')}>
            Regenerate…
          </button>
          <button type="button" className="danger" onClick={() => setDialog('delete')}>
            Delete
          </button>
        </div>
      </header>
      {token.description && <p className="description">{token.description}</p>}
      {described.attention.length > 0 && (
        <ul className="attention" aria-label="Needs attention">
          {described.attention.map((phrase) => (
            <li key={phrase}>{phrase}</li>
          ))}
        </ul>
      )}
      <div className="actions lifecycle-actions" role="group" aria-label="Lifecycle">
        {actions.validity === 'locked' ? (
          <span className="hint">
            {profile.label} does not let a manager validate or invalidate the primary; regenerate it to
            replace it.
          </span>
        ) : actions.validity === 'invalidate' ? (
          <button
            type="button"
            onClick={() =>
              lifecycle(
                () => call('setTokenStatus', { id: token.id, status: 'inactive' }),
                `“${token.name}” is invalidated.`,
              )
            }
          >
            Invalidate
          </button>
        ) : (
          <button
            type="button"
            onClick={() =>
              lifecycle(
                () => call('setTokenStatus', { id: token.id, status: 'active' }),
                `“${token.name}” is valid again.`,
              )
            }
          >
            Validate
          </button>
        )}
        {actions.switch === 'disable' ? (
          <button
            type="button"
            onClick={() =>
              lifecycle(
                () => call('setTokenEnabled', { id: token.id, enabled: false }),
                `“${token.name}” is disabled.`,
              )
            }
          >
            Disable
          </button>
        ) : (
          <button
            type="button"
            onClick={() =>
              lifecycle(
                () => call('setTokenEnabled', { id: token.id, enabled: true }),
                actions.inactivity
                  ? `“${token.name}” is enabled; the ${actions.inactivity.disableAfterDays}-day inactivity count starts again today.`
                  : `“${token.name}” is enabled.`,
              )
            }
          >
            {actions.switch === 're-enable' ? 'Re-enable' : 'Enable'}
          </button>
        )}
        {actions.recordActivity && (
          <button type="button" onClick={() => setDialog('activity')}>
            Record activity…
          </button>
        )}
        <button type="button" onClick={() => setDialog('expiry')}>
          Expiry…
        </button>
        {token.previousValueCount > 0 && (
          <button
            type="button"
            onClick={() =>
              lifecycle(
                () => call('purgePreviousValues', { id: token.id }),
                `The earlier values of “${token.name}” are forgotten.`,
              )
            }
          >
            Forget {token.previousValueCount} earlier {token.previousValueCount === 1 ? 'value' : 'values'}
          </button>
        )}
      </div>
      <div className="secret-box">
        <span className="label" id="value-label">
          Value
        </span>
        <code
          className={revealed !== null ? 'secret revealed' : 'secret'}
          aria-labelledby="value-label"
          data-testid="token-value"
        >
          {revealed ?? '•'.repeat(Math.min(24, Math.max(8, token.valueLength)))}
        </code>
        <div className="actions">
          <button type="button" onClick={reveal} aria-pressed={revealed !== null}>
            {revealed !== null ? 'Hide' : 'Reveal'}
          </button>
          <button type="button" className="primary" onClick={copy}>
            Copy
          </button>
        </div>
        {revealed !== null && (
          <p className="hint">Hides again in {REVEAL_SECONDS} s. Revealing is recorded in the history.</p>
        )}
        {notice && (
          <p className="notice" role="status">
            {notice}
          </p>
        )}
      </div>
      <ErrorText message={error} />
      <dl className="fields">
        {fields.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      {actions.mappings && (
        <MappingsPanel token={token} allTokens={allTokens} version={version} onChanged={onChanged} />
      )}
      <h3>History</h3>
      <HistoryTimeline events={history} />
      {dialog === 'delete' && (
        <DeleteTokenDialog
          token={token}
          onClose={() => setDialog(null)}
          onDeleted={() => {
            setDialog(null);
            onDeleted();
          }}
        />
      )}
      {dialog === 'regenerate' && (
        <RegenerateDialog
          token={token}
          platformIssuesValues={actions.platformIssuesValues}
          onClose={() => setDialog(null)}
          onDone={(message) => {
            setDialog(null);
            setRevealed(null);
            setNotice(message);
            onChanged();
          }}
        />
      )}
      {dialog === 'activity' && (
        <DateDialog
          title={`Record activity of “${token.name}”`}
          label="Used on"
          explanation={
            actions.inactivity
              ? `${profile.label} disables a token after ${actions.inactivity.disableAfterDays} days without activity; recording the last use moves that limit.`
              : 'The day the token was last used, as the platform reports it.'
          }
          initial={today}
          submitLabel="Record activity"
          onClose={() => setDialog(null)}
          onSubmit={async (day) => {
            await call('recordTokenActivity', {
              id: token.id,
              ...(day && day !== today ? { at: startOfLocalDay(day) } : {}),
            });
            setDialog(null);
            setNotice(`Activity of “${token.name}” recorded.`);
            onChanged();
          }}
        />
      )}
      {dialog === 'expiry' && (
        <DateDialog
          title={`Expiry of “${token.name}”`}
          label="Expires on"
          explanation={`You are warned ${warnDaysPhrase(actions.expiryWarnDays)} days before the token expires.`}
          initial={token.expiresAt ? localDay(new Date(token.expiresAt)) : ''}
          submitLabel="Set expiry"
          clearLabel="Never expires"
          onClose={() => setDialog(null)}
          onSubmit={async (day) => {
            await call('setTokenExpiry', { id: token.id, expiresAt: day ? startOfLocalDay(day) : null });
            setDialog(null);
            setNotice(
              day ? `“${token.name}” expires on ${formatDay(day)}.` : `“${token.name}” never expires.`,
            );
            onChanged();
          }}
        />
      )}
    </section>
  );
}
