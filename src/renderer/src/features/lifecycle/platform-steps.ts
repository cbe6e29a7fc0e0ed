import type { MethodInput } from '../../../../shared/api';
import type { TokenMeta } from '../../../../shared/model';
import type { GuideAction } from '../../../../shared/platform-guides';

/** The lifecycle steps that record a platform fact after the platform's own steps (PlatformStepDialog). */
export type PlatformStep = 'invalidate' | 'validate' | 'disable' | 'enable';

export interface PlatformStepSpec {
  /** Whose guide is shown: switching off is the platform's invalidate or disable, switching on its validate. */
  guide: GuideAction;
  recordLabel: string;
  /** Switching off is the risky direction (integrations stop); it is the danger button. */
  tone: 'danger' | 'primary';
  call:
    | { method: 'setTokenStatus'; input: MethodInput<'setTokenStatus'> }
    | { method: 'setTokenEnabled'; input: MethodInput<'setTokenEnabled'> };
  /** The notice once recorded. */
  recorded: string;
}

/** What each step records and says, for one token on its platform. */
export function platformStepSpec(
  step: PlatformStep,
  token: Pick<TokenMeta, 'id' | 'name'>,
  platform: string,
  inactivityDays: number | null,
): PlatformStepSpec {
  switch (step) {
    case 'invalidate':
      return {
        guide: 'invalidate',
        recordLabel: 'Record it invalidated',
        tone: 'danger',
        call: { method: 'setTokenStatus', input: { id: token.id, status: 'inactive' } },
        recorded: `Recorded: “${token.name}” is invalidated on ${platform}.`,
      };
    case 'validate':
      return {
        guide: 'validate',
        recordLabel: 'Record it valid again',
        tone: 'primary',
        call: { method: 'setTokenStatus', input: { id: token.id, status: 'active' } },
        recorded: `Recorded: “${token.name}” is valid again on ${platform}.`,
      };
    case 'disable':
      return {
        guide: 'invalidate',
        recordLabel: 'Record it disabled',
        tone: 'danger',
        call: { method: 'setTokenEnabled', input: { id: token.id, enabled: false } },
        recorded: `Recorded: “${token.name}” is disabled on ${platform}.`,
      };
    case 'enable':
      return {
        guide: 'validate',
        recordLabel: 'Record it enabled',
        tone: 'primary',
        call: { method: 'setTokenEnabled', input: { id: token.id, enabled: true } },
        recorded:
          inactivityDays !== null
            ? `Recorded: “${token.name}” is enabled on ${platform}; the ${inactivityDays}-day inactivity count starts again today.`
            : `Recorded: “${token.name}” is enabled on ${platform}.`,
      };
  }
}

export function isPlatformStep(dialog: string | null): dialog is PlatformStep {
  return dialog === 'invalidate' || dialog === 'validate' || dialog === 'disable' || dialog === 'enable';
}
