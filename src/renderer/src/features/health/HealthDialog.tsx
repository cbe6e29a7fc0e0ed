import { useEffect, useState } from 'react';
import type { HealthItem, HealthKind, HealthReport, HealthSeverity } from '../../../../shared/token-views';
import { plural } from '../../../../shared/plural';
import { call, messageOf } from '../../api';
import { Dialog } from '../../ui/Dialog';
import { ErrorText } from '../../ui/ErrorText';
import { formatDay } from '../../ui/format';

interface HealthDialogProps {
  onClose: () => void;
  /** The caller selects the token in the main screen and closes this dialog. */
  onSelectToken: (tokenId: number) => void;
  /** Opened by itself right after unlock: shows nothing (and closes) unless a critical item or a warning needs attention. */
  afterUnlock?: boolean;
  /** Resume an unfinished rotation plan (the caller opens it and closes this dialog). */
  onOpenPlan?: (planId: number) => void;
}

/** `counted` says a count of the severity in the summary line ("1 warning", "2 warnings", "0 critical"). */
const SEVERITIES: {
  severity: HealthSeverity;
  title: string;
  badge: string;
  counted: (count: number) => string;
}[] = [
  { severity: 'critical', title: 'Critical', badge: 'badge badge-off', counted: (n) => `${n} critical` },
  { severity: 'warning', title: 'Warnings', badge: 'badge badge-warn', counted: (n) => plural(n, 'warning') },
  { severity: 'info', title: 'For information', badge: 'badge', counted: (n) => `${n} for information` },
];

const KIND_LABELS: Record<HealthKind, string> = {
  'inactivity-disabled': 'Disabled for inactivity',
  expired: 'Expired',
  'inactivity-soon': 'Inactivity limit soon',
  expiring: 'Expiring soon',
  'duplicate-value': 'Same value stored twice',
  'not-rotated': 'Not regenerated for long',
  'never-used': 'Never used',
  'handed-to-agency': 'Held by an agency',
  'rotation-unfinished': 'Rotation plan not finished',
};

/** What the item's date means, in a few words. */
const DATE_LABELS: Record<HealthKind, string> = {
  'inactivity-disabled': 'Disabled on',
  expired: 'Expired on',
  'inactivity-soon': 'Limit on',
  expiring: 'Expires on',
  'duplicate-value': 'Date',
  'not-rotated': 'Last regenerated',
  'never-used': 'Added on',
  'handed-to-agency': 'Last handed over',
  'rotation-unfinished': 'Started on',
};

/**
 * "What needs your attention": expired and idle tokens, values stored twice, tokens overdue for rotation, tokens
 * agencies hold. Computed in main at this moment; names and ids only, never a value.
 */
export function HealthDialog({ onClose, onSelectToken, afterUnlock = false, onOpenPlan }: HealthDialogProps) {
  const [report, setReport] = useState<HealthReport | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    call('healthReport', {}).then(
      (loaded) => current && setReport(loaded),
      (err) => current && setError(messageOf(err)),
    );
    return () => {
      current = false;
    };
  }, []);

  // After unlock it speaks only of what needs acting on: information alone (a token never used, one an agency
  // holds) would open it at nearly every unlock, and a dialog that always opens teaches people to dismiss it.
  const nothingToSay =
    afterUnlock && report !== null && !report.items.some((item) => item.severity !== 'info');
  useEffect(() => {
    if (nothingToSay) onClose();
  }, [nothingToSay, onClose]);

  // After unlock, nothing shows until there is something to say: no flash of an empty dialog.
  if (afterUnlock && !error && (report === null || nothingToSay)) return null;

  return (
    <Dialog title="What needs your attention" onClose={onClose} wide>
      <ErrorText message={error} />
      {!report && !error && (
        <p className="muted" aria-busy="true">
          Checking every token…
        </p>
      )}
      {report && <HealthBody report={report} onSelectToken={onSelectToken} onOpenPlan={onOpenPlan} />}
      <div className="actions">
        <button type="button" className={report?.items.length ? '' : 'primary'} onClick={onClose}>
          Close
        </button>
      </div>
    </Dialog>
  );
}

function HealthBody({
  report,
  onSelectToken,
  onOpenPlan,
}: {
  report: HealthReport;
  onSelectToken: (tokenId: number) => void;
  onOpenPlan: ((planId: number) => void) | undefined;
}) {
  const count = (severity: HealthSeverity) =>
    report.items.filter((item) => item.severity === severity).length;
  const needsAction = report.items.some((item) => item.severity !== 'info');
  if (report.items.length === 0) {
    return (
      <p className="notice" role="status">
        All is well: none of the {plural(report.tokenCount, 'token')} needs your attention.
      </p>
    );
  }
  return (
    <>
      <p className="muted" role="status">
        {SEVERITIES.map(({ severity, counted }) => counted(count(severity))).join(' · ')}, across{' '}
        {plural(report.tokenCount, 'token')}. Choose a token to open it.
      </p>
      {SEVERITIES.map(({ severity, title, badge }) => {
        const items = report.items.filter((item) => item.severity === severity);
        if (items.length === 0) return null;
        const headingId = `health-${severity}`;
        const list = (
          <ul className="plain-list" aria-labelledby={headingId}>
            {items.map((item, index) => (
              <HealthRow
                key={`${item.kind}-${index}`}
                item={item}
                badge={badge}
                onSelectToken={onSelectToken}
                onOpenPlan={onOpenPlan}
              />
            ))}
          </ul>
        );
        // Information never buries what needs acting on: beside a critical item or a warning it starts folded.
        if (severity === 'info') {
          return (
            <details key={severity} open={!needsAction} className="health-info">
              <summary>
                <h3 id={headingId}>
                  {title} ({items.length})
                </h3>
              </summary>
              {list}
            </details>
          );
        }
        return (
          <section key={severity} aria-labelledby={headingId}>
            <h3 id={headingId}>
              {title} ({items.length})
            </h3>
            {list}
          </section>
        );
      })}
    </>
  );
}

function HealthRow({
  item,
  badge,
  onSelectToken,
  onOpenPlan,
}: {
  item: HealthItem;
  badge: string;
  onSelectToken: (tokenId: number) => void;
  onOpenPlan: ((planId: number) => void) | undefined;
}) {
  return (
    <li className="panel">
      <div className="row" style={{ justifyContent: 'space-between', flexWrap: 'wrap' }}>
        <span className={badge}>{KIND_LABELS[item.kind]}</span>
        {item.date && (
          <span className="muted small">
            {DATE_LABELS[item.kind]} {formatDay(item.date)}
            {item.daysLeft !== null && item.daysLeft > 0 ? ` (${plural(item.daysLeft, 'day')} left)` : ''}
          </span>
        )}
      </div>
      <p style={{ margin: '6px 0' }}>{item.message}</p>
      {item.planId !== undefined && onOpenPlan && (
        <button type="button" className="primary" onClick={() => onOpenPlan(item.planId!)}>
          Resume rotation plan {item.planId}
        </button>
      )}
      <div className="row" style={{ flexWrap: 'wrap' }}>
        {item.tokens.map((token) => (
          <button
            key={token.id}
            type="button"
            className="link"
            onClick={() => onSelectToken(token.id)}
            aria-label={`Open ${token.name} (${token.account})`}
          >
            {token.name} <span className="muted small">({token.account})</span>
          </button>
        ))}
      </div>
    </li>
  );
}
