/**
 * What the admin does on each platform, as data: where each action is done there, who may do it, and what breaks
 * meanwhile. Token Vault never changes a platform; every sentence here says what to do *there* and then records the
 * fact *here*. Written in our own words from the platforms' help pages (see the profiles in src/shared/profiles.ts).
 */
import type { TokenRole } from './model';
import { findKindRule, findProfile, GENERIC_PROFILE, type ProfileDefinition } from './profiles';

export const GUIDE_ACTIONS = ['issue', 'regenerate', 'invalidate', 'validate', 'delete', 'activity'] as const;
export type GuideAction = (typeof GUIDE_ACTIONS)[number];

export const GUIDE_ACTION_LABELS: Record<GuideAction, string> = {
  issue: 'Issue or provision',
  regenerate: 'Regenerate or reset',
  invalidate: 'Invalidate or disable',
  validate: 'Validate or enable',
  delete: 'Delete',
  activity: 'Record activity',
};

export interface PlatformGuide {
  /** What to do there, as the start of a sentence: "Invalidate it", "Look up its last use". */
  doIt: string;
  /** Where on the platform, as its menus and buttons: "Settings > API access > Invalidate". */
  where: string;
  /** Who may do it there. */
  who: string;
  /** What stops working on the platform between the change there and every integration catching up. */
  breaks: string;
  /** The steps there, in order. */
  steps: readonly string[];
}

/** One action's guide; `primary` applies to primary tokens where the platform treats them differently. */
export interface GuideEntry {
  default: PlatformGuide;
  primary?: PlatformGuide;
}

export interface ProfileGuides {
  /** The platform's name in sentences ("on Emplifi"); the generic profile says "on its platform". */
  platform: string;
  /** Switching a token off there is recorded as this lifecycle change (ON24 and endpoint secondaries: disable). */
  offOperation: 'invalidate' | 'disable';
  /**
   * The platform has no switch that only turns a token off (Engaging Networks: its "off" is a reset, which is the
   * rotation itself), so a rotation step offers deleting it there instead of switching it off.
   */
  noOffSwitch?: true;
  /** Roles whose value the platform accepts when we set it (generated here); absent or empty: it issues its own. */
  acceptsSetValueRoles: readonly TokenRole[] | 'any';
  actions: Record<GuideAction, GuideEntry>;
}

const EN_WHERE = 'Hello menu > Account Settings > Tokens';
const EN_WHO = 'a Super Admin of the Engaging Networks account';
const EN_BREAKS =
  'every widget, XML data service call and data API job that uses the token fails until it has the new value';

const ON24_WHERE = 'Platform Tools > Integrations > API Tokens';
const ON24_WHO = 'an ON24 user with the Manage User permission (the contract must include Connect)';

const ENDPOINT_LIST = 'Endpoint tokens';
const ENDPOINT_WHO = 'a user who may change the endpoint configuration';

const EMPLIFI_PAGE = 'Settings > API access';
const EMPLIFI_WHO = 'an Emplifi site admin or customer site manager';
const EMPLIFI_OAUTH_WHO = 'whoever holds the site key and auth key (client credentials) from the portal';

export const PLATFORM_GUIDES: Record<string, ProfileGuides> = {
  'engaging-networks': {
    platform: 'Engaging Networks',
    offOperation: 'invalidate',
    noOffSwitch: true,
    acceptsSetValueRoles: [],
    actions: {
      issue: {
        default: {
          doIt: 'Generate it',
          where: `${EN_WHERE} > generate`,
          who: EN_WHO,
          breaks: 'nothing: a new token serves no integration yet',
          steps: [
            `Sign in as a Super Admin and open ${EN_WHERE}.`,
            'Generate the token: one public token per account, or a private token assigned to a user.',
            'Copy the value it shows and paste it here.',
          ],
        },
      },
      regenerate: {
        default: {
          doIt: 'Reset it',
          where: `${EN_WHERE} > reset icon`,
          who: EN_WHO,
          breaks: EN_BREAKS,
          steps: [
            `Open ${EN_WHERE} as a Super Admin.`,
            'Press the reset icon on the token; Engaging Networks shows its new value.',
            'Paste that new value here, then give it to every integration that used the old one.',
          ],
        },
      },
      invalidate: {
        default: {
          doIt: 'Reset or delete it',
          where: `${EN_WHERE} > reset or delete icon`,
          who: EN_WHO,
          breaks: `${EN_BREAKS}; Engaging Networks has no switch that only turns a token off`,
          steps: [
            `Open ${EN_WHERE} as a Super Admin.`,
            'Reset the token (its old value is then refused) or delete it.',
            'Record here that the old value no longer works.',
          ],
        },
      },
      validate: {
        default: {
          doIt: 'Generate a new one',
          where: `${EN_WHERE} > generate`,
          who: EN_WHO,
          breaks: 'nothing; Engaging Networks cannot turn an old token back on, it issues a new one',
          steps: [
            `Open ${EN_WHERE} as a Super Admin.`,
            'Generate a new token of the same kind (a private one assigned to the same user).',
            'Record here that the token works again, with its new value.',
          ],
        },
      },
      delete: {
        default: {
          doIt: 'Delete it',
          where: `${EN_WHERE} > delete icon`,
          who: EN_WHO,
          breaks: EN_BREAKS,
          steps: [
            `Open ${EN_WHERE} as a Super Admin.`,
            'Check no widget, XML data service or data API job still uses it, then press its delete icon.',
            'Record the deletion here.',
          ],
        },
      },
      activity: {
        default: {
          doIt: 'Look up its last use',
          where:
            'the logs of the services that call Engaging Networks with it (the Tokens page shows no use)',
          who: 'whoever runs the integration',
          breaks: 'nothing; Engaging Networks does not switch idle tokens off',
          steps: [
            'Find the last call made with the token in the integration that uses it.',
            'Record that date here.',
          ],
        },
      },
    },
  },
  on24: {
    platform: 'ON24',
    offOperation: 'disable',
    acceptsSetValueRoles: [],
    actions: {
      issue: {
        default: {
          doIt: 'Provision it',
          where: `${ON24_WHERE} > Provision a New API Access Token`,
          who: ON24_WHO,
          breaks: 'nothing: a new pair serves no integration yet',
          steps: [
            `Sign in with the Manage User permission and open ${ON24_WHERE}.`,
            'Provision a new token: pick the producer login and "All endpoints" (one token per producer login).',
            'Rename it after its purpose (for example "Salesforce"), then paste its token key and token secret here.',
          ],
        },
      },
      regenerate: {
        default: {
          doIt: 'Replace it',
          where: `${ON24_WHERE} > disable the old token, then Provision a New API Access Token`,
          who: ON24_WHO,
          breaks:
            'every integration using the old key and secret fails from the moment the old token is off until it has the new pair',
          steps: [
            `Open ${ON24_WHERE} with the Manage User permission.`,
            "Disable the producer login's current token: ON24 provisions a new one only when the login has none in use.",
            'Provision a new token for the same login and paste its new token secret here (and its key when it changed).',
          ],
        },
      },
      invalidate: {
        default: {
          doIt: 'Disable it',
          where: `${ON24_WHERE} > disable`,
          who: ON24_WHO,
          breaks: 'every integration using this key and secret fails until the token is enabled again',
          steps: [
            `Open ${ON24_WHERE} with the Manage User permission.`,
            'Disable the token in the list of tokens and keys.',
            'Record here that it is disabled.',
          ],
        },
      },
      validate: {
        default: {
          doIt: 'Enable it',
          where: `${ON24_WHERE} > Enable This Token`,
          who: ON24_WHO,
          breaks: 'nothing; enabling restarts the count of 60 days without activity',
          steps: [
            `Open ${ON24_WHERE} with the Manage User permission.`,
            'Press "Enable This Token" on the disabled token.',
            'Record here that it is enabled: the 60-day count starts again.',
          ],
        },
      },
      delete: {
        default: {
          doIt: 'Disable it',
          where: `${ON24_WHERE} > disable`,
          who: ON24_WHO,
          breaks: 'every integration using this key and secret fails',
          steps: [
            `Open ${ON24_WHERE} with the Manage User permission.`,
            'Disable the token so nothing can use it any more; its producer login can then get a new one.',
            'Delete it here once you no longer need its record.',
          ],
        },
      },
      activity: {
        default: {
          doIt: 'Read its Last Activity',
          where: `${ON24_WHERE} > Last Activity`,
          who: ON24_WHO,
          breaks: 'nothing; ON24 disables a token after 60 days without activity and emails warnings before',
          steps: [
            `Open ${ON24_WHERE}.`,
            'Read the token\'s "Last Activity" field.',
            'Record that date here.',
          ],
        },
      },
    },
  },
  endpoint: {
    platform: 'the endpoint platform',
    offOperation: 'disable',
    acceptsSetValueRoles: ['secondary'],
    actions: {
      issue: {
        default: {
          doIt: 'Add it',
          where: `${ENDPOINT_LIST} > + Add > Token settings`,
          who: ENDPOINT_WHO,
          breaks: 'nothing: a new secondary serves no endpoint until it is assigned',
          steps: [
            `Open ${ENDPOINT_LIST} and press "+ Add".`,
            'Name it after the one application that will use it; set the 64-letter-and-digit value generated here, or copy the one the platform made.',
            'Assign it to the endpoint (Assign endpoint tokens) and record the mapping here.',
          ],
        },
        primary: {
          doIt: 'Turn on token authentication',
          where:
            'the endpoint > General > Authentication > Token (DELETE also needs General > Security > Allow deleting)',
          who: ENDPOINT_WHO,
          breaks: 'nothing until applications call with it',
          steps: [
            "Set the endpoint's authentication to Token: POST and GET primaries appear; DELETE only when deleting is allowed.",
            "Copy each primary from the endpoint's Tokens tab and paste it here.",
          ],
        },
      },
      regenerate: {
        default: {
          doIt: 'Regenerate it',
          where: `${ENDPOINT_LIST} > the token > rotate arrow`,
          who: ENDPOINT_WHO,
          breaks: 'only the application that uses this secondary, until it has the new value',
          steps: [
            `Open the token in ${ENDPOINT_LIST}.`,
            'Set the new value generated here, or press the rotate arrow once (every press makes another value) and copy it.',
            'Save there, record the value here, and give it to the application.',
          ],
        },
        primary: {
          doIt: 'Regenerate it',
          where: "the endpoint's Tokens tab > Generate",
          who: ENDPOINT_WHO,
          breaks: 'everything that calls the method with this primary itself, until it has the new value',
          steps: [
            "Open the endpoint's Tokens tab.",
            'Press Generate next to the method and copy the new primary.',
            'Paste it here.',
          ],
        },
      },
      invalidate: {
        default: {
          doIt: 'Switch it off',
          where: `${ENDPOINT_LIST} > Enabled toggle (or only its mapping)`,
          who: ENDPOINT_WHO,
          breaks:
            'only the application using this secondary; other integrations on the same endpoint keep working',
          steps: [
            `Open ${ENDPOINT_LIST}.`,
            "Switch the token's Enabled toggle off, or switch off only its mapping to one primary.",
            'Record here that it is off.',
          ],
        },
        primary: {
          doIt: 'Regenerate it',
          where: "the endpoint's Tokens tab > Generate (a primary has no off switch)",
          who: ENDPOINT_WHO,
          breaks: 'everything that calls the method with this primary itself',
          steps: [
            "Open the endpoint's Tokens tab; a primary cannot be switched off there.",
            'Press Generate to replace it, and record the new value here.',
          ],
        },
      },
      validate: {
        default: {
          doIt: 'Enable it',
          where: `${ENDPOINT_LIST} > Enabled toggle (Activate token for an inactive one)`,
          who: ENDPOINT_WHO,
          breaks: 'nothing',
          steps: [
            `Open ${ENDPOINT_LIST} (show the inactive tokens when it is there).`,
            'Switch its Enabled toggle on, or press "Activate token".',
            'Record here that it is on.',
          ],
        },
        primary: {
          doIt: 'Turn on token authentication',
          where: 'the endpoint > General > Authentication > Token',
          who: ENDPOINT_WHO,
          breaks: 'nothing',
          steps: ["Set the endpoint's authentication to Token.", 'Record here that the primary is in force.'],
        },
      },
      delete: {
        default: {
          doIt: 'Deactivate it',
          where: `${ENDPOINT_LIST} > Deactivate token`,
          who: ENDPOINT_WHO,
          breaks: 'the application that uses this secondary',
          steps: [
            `Open ${ENDPOINT_LIST}.`,
            'Press "Deactivate token" on its line.',
            'Record the deletion here.',
          ],
        },
        primary: {
          doIt: 'Turn off token authentication',
          where: 'the endpoint > General > Authentication (and Security > Allow deleting for DELETE)',
          who: ENDPOINT_WHO,
          breaks: 'every caller of the endpoint that authenticates with a token',
          steps: [
            'Change the endpoint\'s authentication, or turn off "Allow deleting" to drop the DELETE primary.',
            'Record the deletion here.',
          ],
        },
      },
      activity: {
        default: {
          doIt: 'Look up its last use',
          where: 'the Endpoint data viewer > filter Tokens',
          who: ENDPOINT_WHO,
          breaks: 'nothing',
          steps: ['Open the Endpoint data viewer and filter by the token.', 'Record its latest call here.'],
        },
      },
    },
  },
  emplifi: {
    platform: 'Emplifi',
    offOperation: 'invalidate',
    acceptsSetValueRoles: [],
    actions: {
      issue: {
        default: {
          doIt: 'Create it',
          where: `${EMPLIFI_PAGE} > Create Token`,
          who: EMPLIFI_WHO,
          breaks: 'nothing: a new token serves no integration yet (a site has at most 10)',
          steps: [
            `Open ${EMPLIFI_PAGE}; "Create Token" shows while the site has fewer than 10 tokens.`,
            'Give it a description (no special characters) and press Continue: it is active at once.',
            'Paste its value here with the same description.',
          ],
        },
        primary: {
          doIt: 'Obtain it',
          where: 'the OAuth endpoint POST /oauth2/token with the site key and auth key',
          who: EMPLIFI_OAUTH_WHO,
          breaks: 'nothing: the primary never expires; do not request a new one for every call',
          steps: [
            'Send POST /oauth2/token with client_id (site key), client_secret (auth key) and grant_type=client_credentials.',
            'Paste the access token it returns here.',
          ],
        },
      },
      regenerate: {
        default: {
          doIt: 'Regenerate it',
          where: `${EMPLIFI_PAGE} > Regenerate`,
          who: EMPLIFI_WHO,
          breaks: 'the integrations that use this token, until they have the new value',
          steps: [
            `Open ${EMPLIFI_PAGE} and press Regenerate on the token.`,
            'When the token is inactive, press Validate too: a regenerated inactive token still refuses access.',
            'Paste the new value here.',
          ],
        },
        primary: {
          doIt: 'Invalidate and obtain it again',
          where: 'the OAuth endpoints POST /oauth2/invalidate_token, then POST /oauth2/token',
          who: EMPLIFI_OAUTH_WHO,
          breaks: 'every call made with the old primary gets authorization errors until it has the new one',
          steps: [
            'Send POST /oauth2/invalidate_token with the site key, auth key and the current primary.',
            'Send POST /oauth2/token for a new primary.',
            'Paste the new primary here: the API access page will show it as active, with its history kept.',
          ],
        },
      },
      invalidate: {
        default: {
          doIt: 'Invalidate it',
          where: `${EMPLIFI_PAGE} > Invalidate`,
          who: EMPLIFI_WHO,
          breaks: 'every integration using the token is refused access until it is validated again',
          steps: [
            `Open ${EMPLIFI_PAGE}.`,
            'Press Invalidate on the token: its Active box empties.',
            'Record here that it is invalidated.',
          ],
        },
        primary: {
          doIt: 'Invalidate it',
          where: 'the OAuth endpoint POST /oauth2/invalidate_token (not the API access page)',
          who: EMPLIFI_OAUTH_WHO,
          breaks: 'every call made with the primary gets authorization errors',
          steps: [
            'Send POST /oauth2/invalidate_token with the site key, auth key and the primary.',
            'Obtain a new primary with POST /oauth2/token and record its value here with Regenerate.',
          ],
        },
      },
      validate: {
        default: {
          doIt: 'Validate it',
          where: `${EMPLIFI_PAGE} > Validate`,
          who: EMPLIFI_WHO,
          breaks: 'nothing',
          steps: [
            `Open ${EMPLIFI_PAGE}.`,
            'Press Validate on the inactive token.',
            'Record here that it is valid.',
          ],
        },
        primary: {
          doIt: 'Obtain a new one',
          where: 'the OAuth endpoint POST /oauth2/token (a primary cannot be validated)',
          who: EMPLIFI_OAUTH_WHO,
          breaks: 'nothing',
          steps: ['Send POST /oauth2/token for a new primary.', 'Record its value here with Regenerate.'],
        },
      },
      delete: {
        default: {
          doIt: 'Invalidate it',
          where: `${EMPLIFI_PAGE} > Invalidate (the page has no delete)`,
          who: EMPLIFI_WHO,
          breaks: 'every integration using the token is refused access',
          steps: [
            `Open ${EMPLIFI_PAGE} and press Invalidate on the token; Emplifi keeps invalid tokens listed.`,
            'Delete it here once you no longer need its record.',
          ],
        },
        primary: {
          doIt: 'Invalidate it',
          where: 'the OAuth endpoint POST /oauth2/invalidate_token',
          who: EMPLIFI_OAUTH_WHO,
          breaks: 'every call made with the primary gets authorization errors',
          steps: [
            'Send POST /oauth2/invalidate_token with the site key, auth key and the primary.',
            'Delete it here once you no longer need its record.',
          ],
        },
      },
      activity: {
        default: {
          doIt: 'Look up its last use',
          where:
            'the logs of the integration that calls Emplifi with it (the API access page shows when it was generated)',
          who: 'whoever runs the integration',
          breaks: 'nothing; Emplifi tokens do not expire',
          steps: ['Find the last call made with the token.', 'Record that date here.'],
        },
      },
    },
  },
  generic: {
    platform: 'its platform',
    offOperation: 'invalidate',
    acceptsSetValueRoles: 'any',
    actions: {
      issue: neutral(
        'Issue it',
        'where the platform manages its tokens',
        'nothing: a new token serves nothing yet',
      ),
      regenerate: neutral(
        'Regenerate it',
        'where the platform manages its tokens',
        'whatever uses the old value, until it has the new one',
      ),
      invalidate: neutral(
        'Switch it off',
        'where the platform manages its tokens',
        'whatever uses the token, until it is switched on again',
      ),
      validate: neutral('Enable it', 'where the platform manages its tokens', 'nothing'),
      delete: neutral('Delete it', 'where the platform manages its tokens', 'whatever uses the token'),
      activity: neutral('Look up its last use', "the platform's logs or the integration's own", 'nothing'),
    },
  },
};

function neutral(doIt: string, where: string, breaks: string): GuideEntry {
  return {
    default: {
      doIt,
      where,
      who: 'whoever administers tokens on that platform',
      breaks,
      steps: [
        `${doIt} ${where === 'where the platform manages its tokens' ? 'there' : `in ${where}`}.`,
        'Record it here.',
      ],
    },
  };
}

function guidesOf(profileId: string): ProfileGuides {
  return PLATFORM_GUIDES[profileId] ?? PLATFORM_GUIDES[GENERIC_PROFILE.id]!;
}

/** The guide for one action on one token's platform (its role picks the primary's guide where there is one). */
export function guideFor(profileId: string, action: GuideAction, role?: TokenRole): PlatformGuide {
  const entry = guidesOf(profileId).actions[action];
  return role === 'primary' && entry.primary ? entry.primary : entry.default;
}

/** The one sentence for an action: the platform's step first, then what to record here. */
export function guideSentence(profileId: string, action: GuideAction, role?: TokenRole): string {
  const guide = guideFor(profileId, action, role);
  return `${guide.doIt} on ${guidesOf(profileId).platform}: ${guide.where}. Done there? Record it here.`;
}

/**
 * A rotation step's other way out, beside a new value: switch the token off there, or, where the platform's only
 * "off" is the reset the step already asks for, delete it there. Shown in the app and in the exported checklist.
 */
export function insteadOfRotatingSentence(profileId: string, role?: TokenRole): string {
  if (guidesOf(profileId).noOffSwitch) {
    return `Or delete it there instead: ${guideFor(profileId, 'delete', role).where}.`;
  }
  const off = guideFor(profileId, 'invalidate', role);
  return `Or switch it off there instead: ${off.doIt.charAt(0).toLowerCase()}${off.doIt.slice(1)} at ${off.where}.`;
}

/** The platform's name as sentences use it ("Emplifi", "its platform"). */
export function platformName(profileId: string): string {
  return guidesOf(profileId).platform;
}

/** How switching a token off there is recorded here. */
export function offOperationOf(profileId: string): 'invalidate' | 'disable' {
  return guidesOf(profileId).offOperation;
}

/**
 * True when the platform takes a value we set, so one may be generated here (generic tokens, endpoint
 * secondaries); otherwise the platform issues the value and it is pasted.
 */
export function acceptsSetValue(profile: ProfileDefinition, kind: string, role: TokenRole): boolean {
  const accepted = guidesOf(profile.id).acceptsSetValueRoles;
  if (accepted === 'any') return true;
  if (!findKindRule(profile, kind) && profile.kindRules.length > 0) return false;
  return accepted.includes(role);
}

export function profileAcceptsSetValue(profileId: string, kind: string, role: TokenRole): boolean {
  const profile = findProfile(profileId) ?? GENERIC_PROFILE;
  return acceptsSetValue(profile, kind, role);
}

/** The action x profile -> sentence table in Markdown (docs/platform-guides.md holds it; a test keeps it equal). */
export function guideSentenceTable(profiles: readonly ProfileDefinition[]): string {
  const rows = ['| Action | Platform | What the app says |', '| --- | --- | --- |'];
  for (const action of GUIDE_ACTIONS) {
    for (const profile of profiles) {
      const entry = guidesOf(profile.id).actions[action];
      const cell = entry.primary
        ? `${guideSentence(profile.id, action)} Primary token: ${guideSentence(profile.id, action, 'primary')}`
        : guideSentence(profile.id, action);
      rows.push(`| ${GUIDE_ACTION_LABELS[action]} | ${profile.label} | ${cell.replace(/\|/g, '\\|')} |`);
    }
  }
  return rows.join('\n');
}
