import type { TokenRole } from '../../../../shared/model';
import { guideFor, platformName, type GuideAction } from '../../../../shared/platform-guides';

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
      <p>
        <strong>
          {guide.doIt} on {platformName(profileId)}:
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
    </div>
  );
}
