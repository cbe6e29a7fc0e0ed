import type { TokenRole } from '../../../../shared/model';
import {
  guideFor,
  platformName,
  type GuideAction,
  type PlatformGuide,
} from '../../../../shared/platform-guides';

interface PlatformGuideTextProps {
  profileId: string;
  action: GuideAction;
  role: TokenRole;
}

/** What to do on the platform before recording it here: where, the steps, who may, what breaks meanwhile. */
export function PlatformGuideText({ profileId, action, role }: PlatformGuideTextProps) {
  const guide = guideFor(profileId, action, role);
  return (
    <div className="platform-guide">
      <GuideSteps guide={guide} platform={platformName(profileId)} />
    </div>
  );
}

/** The platform side of one action: where it is done, its steps, who may do it and what breaks meanwhile. */
export function GuideSteps({ guide, platform }: { guide: PlatformGuide; platform: string }) {
  return (
    <>
      <p>
        <strong>
          {guide.doIt} on {platform}:
        </strong>{' '}
        {guide.where}.
      </p>
      <ol className="small">
        {guide.steps.map((text) => (
          <li key={text}>{text}</li>
        ))}
      </ol>
      <p className="small">
        <strong>Who:</strong> {guide.who}. <strong>Meanwhile:</strong> {guide.breaks}.
      </p>
    </>
  );
}
