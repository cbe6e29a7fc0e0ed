import { useState } from 'react';
import type { Account, TokenMeta } from '../../../../shared/model';
import { findKindRule } from '../../../../shared/profiles';
import { profileOrGeneric, tokenActions, warnDaysPhrase } from '../../../../shared/token-questions';
import { describeTokenState } from '../../../../shared/token-state-vocabulary';
import type { TokenState } from '../../../../shared/token-views';
import { call, messageOf } from '../../api';
import { useAction } from '../../data/use-action';
import { useTokenHistory, useTokenUsage } from '../../data/vault-queries';
import { ErrorText } from '../../ui/ErrorText';
import { localDayOf, startOfLocalDay } from '../../../../shared/dates';
import { formatDay } from '../../ui/format';
import { DateDialog } from '../lifecycle/DateDialog';
import { DeleteTokenDialog } from '../lifecycle/DeleteTokenDialog';
import { PlatformStepDialog } from '../lifecycle/PlatformStepDialog';
import { guideSentence, platformName } from '../../../../shared/platform-guides';
import { MappingsPanel } from '../lifecycle/MappingsPanel';
import { RegenerateDialog } from '../lifecycle/RegenerateDialog';
import { EarlierValues } from './EarlierValues';
import { HistoryTimeline } from './HistoryTimeline';
import { LifecycleActions } from './LifecycleActions';
import { SecretBox } from './SecretBox';
import { TokenFields } from './TokenFields';
import { isPlatformStep, platformStepSpec, type PlatformStep } from '../lifecycle/platform-steps';

export { REVEAL_SECONDS } from './SecretBox';

interface TokenDetailProps {
  token: TokenMeta;
  account: Account | undefined;
  /** Effective state now (inactivity clock, expiry), computed in main. */
  state: TokenState | undefined;
  allTokens: TokenMeta[];
  onEdit: () => void;
  onDeleted: () => void;
}

/**
 * One token: its value (SecretBox), lifecycle steps, facts, earlier values, mappings and history. Each part reads
 * its own query; a change invalidates what it touched (data/invalidation.ts), so the detail follows by itself.
 */
export function TokenDetail({ token, account, state, allTokens, onEdit, onDeleted }: TokenDetailProps) {
  const history = useTokenHistory(token.id);
  const usage = useTokenUsage(token.id);
  const action = useAction();
  const [notice, setNotice] = useState<string | null>(null);
  const [valueVersion, setValueVersion] = useState(0);
  const [dialog, setDialog] = useState<null | 'delete' | 'regenerate' | 'activity' | 'expiry' | PlatformStep>(
    null,
  );
  const profile = profileOrGeneric(account?.profile);
  const rule = findKindRule(profile, token.kind);
  // What may be done and how the state reads are answered in shared, from the profile and core's state.
  const actions = tokenActions(profile, token, state);
  const described = describeTokenState(token, state);
  // Each action records what the admin did on the platform, with the platform's steps first.
  const platform = platformName(profile.id);
  const today = localDayOf(new Date());
  const sameKindCount = allTokens.filter(
    (t) => t.accountId === token.accountId && t.kind === token.kind,
  ).length;
  const valueChanged = (message: string) => {
    setValueVersion((v) => v + 1);
    setNotice(message);
  };
  const error = action.error ?? (history.error ? messageOf(history.error) : null);
  const stepSpec = isPlatformStep(dialog)
    ? platformStepSpec(dialog, token, platform, actions.inactivity?.disableAfterDays ?? null)
    : null;

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
      <LifecycleActions
        token={token}
        profile={profile}
        actions={actions}
        action={action}
        onDone={setNotice}
        onOpen={setDialog}
      />
      <SecretBox
        token={token}
        label={rule?.valueLabel ?? 'Value'}
        notice={notice}
        onNotice={setNotice}
        valueVersion={valueVersion}
      />
      <ErrorText message={error} />
      <TokenFields
        token={token}
        account={account}
        profile={profile}
        state={state}
        described={described}
        usage={usage.data}
        sameKindCount={sameKindCount}
        onCopyKeyId={async () => {
          const copied = await action.run('copyKeyId', { id: token.id });
          if (copied)
            setNotice(
              `${rule?.keyIdLabel ?? 'Key id'} copied. The clipboard will be cleared in ${copied.clearsAfterSeconds} s.`,
            );
        }}
      />
      <EarlierValues token={token} profile={profile} onRestored={valueChanged} />
      {actions.mappings && <MappingsPanel token={token} allTokens={allTokens} />}
      <h3>History</h3>
      <HistoryTimeline events={history.data ?? []} />
      {stepSpec && (
        <PlatformStepDialog
          token={token}
          profileId={profile.id}
          action={stepSpec.guide}
          recordLabel={stepSpec.recordLabel}
          tone={stepSpec.tone}
          onClose={() => setDialog(null)}
          onRecord={async () => {
            if (stepSpec.call.method === 'setTokenStatus') await call('setTokenStatus', stepSpec.call.input);
            else await call('setTokenEnabled', stepSpec.call.input);
            setDialog(null);
            setNotice(stepSpec.recorded);
          }}
        />
      )}
      {dialog === 'delete' && (
        <DeleteTokenDialog
          token={token}
          profileId={profile.id}
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
          profileId={profile.id}
          platformIssuesValues={actions.platformIssuesValues}
          onClose={() => setDialog(null)}
          onDone={(message) => {
            setDialog(null);
            valueChanged(message);
          }}
        />
      )}
      {dialog === 'activity' && (
        <DateDialog
          title={`Record activity of “${token.name}”`}
          label="Used on"
          explanation={`${guideSentence(profile.id, 'activity', token.role)} ${
            actions.inactivity
              ? `${profile.label} disables a token after ${actions.inactivity.disableAfterDays} days without activity; recording the last use moves that limit.`
              : 'The day the token was last used, as the platform reports it.'
          }`}
          initial={today}
          submitLabel="Record activity"
          onClose={() => setDialog(null)}
          onSubmit={async (day) => {
            // A refusal throws main's sentence, which DateDialog shows inside itself.
            await call('recordTokenActivity', {
              id: token.id,
              ...(day && day !== today ? { at: startOfLocalDay(day) ?? day } : {}),
            });
            setDialog(null);
            setNotice(`Activity of “${token.name}” recorded.`);
          }}
        />
      )}
      {dialog === 'expiry' && (
        <DateDialog
          title={`Expiry of “${token.name}”`}
          label="Expires on"
          explanation={`You are warned ${warnDaysPhrase(actions.expiryWarnDays)} days before the token expires.`}
          initial={token.expiresAt ? localDayOf(token.expiresAt) : ''}
          submitLabel="Set expiry"
          clearLabel="Never expires"
          onClose={() => setDialog(null)}
          onSubmit={async (day) => {
            await call('setTokenExpiry', {
              id: token.id,
              expiresAt: day ? (startOfLocalDay(day) ?? day) : null,
            });
            setDialog(null);
            setNotice(
              day ? `“${token.name}” expires on ${formatDay(day)}.` : `“${token.name}” never expires.`,
            );
          }}
        />
      )}
    </section>
  );
}
