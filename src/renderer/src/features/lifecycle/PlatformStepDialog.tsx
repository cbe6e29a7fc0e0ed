import { useState } from 'react';
import { guideFor, platformName, type GuideAction } from '../../../../shared/platform-guides';
import type { TokenMeta } from '../../../../shared/model';
import { messageOf } from '../../api';
import { Dialog } from '../../ui/Dialog';
import { ErrorText } from '../../ui/ErrorText';
import { PlatformGuideText } from './PlatformGuideText';

interface PlatformStepDialogProps {
  token: TokenMeta;
  profileId: string;
  action: GuideAction;
  /** What is recorded here, in the button: "Record it invalidated". */
  recordLabel: string;
  /** The record button's look: danger when the step switches something off. */
  tone?: 'danger' | 'primary';
  onClose: () => void;
  onRecord: () => Promise<void>;
}

/**
 * Before recording a platform fact: the platform's steps first (where, who may, what breaks meanwhile), then
 * "Done there? Record it here." Token Vault changes nothing on the platform itself.
 */
export function PlatformStepDialog(props: PlatformStepDialogProps) {
  const { token, profileId, action, recordLabel, tone = 'danger', onClose, onRecord } = props;
  const guide = guideFor(profileId, action, token.role);
  const platform = platformName(profileId);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const record = async () => {
    setBusy(true);
    setError(null);
    try {
      await onRecord();
    } catch (err) {
      setError(messageOf(err));
      setBusy(false);
    }
  };

  return (
    <Dialog title={`“${token.name}”: ${guide.doIt.toLowerCase()} on ${platform} first`} onClose={onClose}>
      <PlatformGuideText profileId={profileId} action={action} role={token.role} />
      <p>Done there? Record it here.</p>
      <ErrorText message={error} />
      <div className="actions">
        <button type="button" onClick={onClose}>
          Not yet
        </button>
        <button type="button" className={tone} onClick={record} disabled={busy}>
          {recordLabel}
        </button>
      </div>
    </Dialog>
  );
}
