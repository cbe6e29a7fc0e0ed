import type { Account, TokenMeta } from '../../../../shared/model';
import { plural } from '../../../../shared/plural';
import { kindCapacity } from '../../../../shared/kind-capacity';
import { findKindRule, type ProfileDefinition } from '../../../../shared/profiles';
import type { TokenStateDescription } from '../../../../shared/token-state-vocabulary';
import type { TokenState, TokenUsage } from '../../../../shared/token-views';
import { formatDate, formatDay } from '../../ui/format';
import { usagePhrases } from '../lifecycle/InUseWarning';
import { ROLE_WORDS } from './role-words';

/** A label and value for the field list; an empty field the profile does not use is left out. */
function optionalField(label: string, value: string | null, always: boolean): [string, string][] {
  return value !== null || always ? [[label, value ?? '—']] : [];
}

interface TokenFieldsProps {
  token: TokenMeta;
  account: Account | undefined;
  profile: ProfileDefinition;
  state: TokenState | undefined;
  described: TokenStateDescription;
  usage: TokenUsage | undefined;
  /** Tokens of the same kind in this account, for a platform that caps them ("4 of 10 used"). */
  sameKindCount: number;
  onCopyKeyId?: () => void;
}

/** The token's facts, in words: what it is, its state, its dates, who holds it and what uses it. */
export function TokenFields(props: TokenFieldsProps) {
  const { token, profile, state, described, usage, sameKindCount, onCopyKeyId } = props;
  const rule = findKindRule(profile, token.kind);
  const inactivity = state?.inactivity ?? null;
  const cap = kindCapacity(profile, token.kind);
  const fields: [string, string][] = [
    ['Account', `${token.accountName} (${profile.label})`],
    [
      'Kind',
      `${rule?.label ?? token.kind}${cap ? ` (${sameKindCount} of ${cap} used on this account)` : ''}`,
    ],
    ['Role', ROLE_WORDS[token.role]],
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
              : `${formatDay(inactivity.limitAt)} (${plural(inactivity.daysLeft, 'day')} left)`,
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
  // The platform's own key (ON24's token key, Emplifi's site key) is typed into its forms: it gets a Copy.
  const keyIdLabel = rule?.keyIdLabel ?? 'Key id';
  return (
    <dl className="fields">
      {fields.map(([label, value]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>
            {value}
            {label === keyIdLabel && rule?.keyIdLabel && token.keyId && onCopyKeyId && (
              <button
                type="button"
                className="link"
                onClick={onCopyKeyId}
                aria-label={`Copy the ${keyIdLabel.toLowerCase()}`}
              >
                Copy
              </button>
            )}
          </dd>
        </div>
      ))}
    </dl>
  );
}
