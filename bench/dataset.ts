import { generateTokenValue } from '../src/main/core/crypto/token-generator';

/** One synthetic token, shaped like what an administrator records (the value is random, never a real secret). */
export interface BenchToken {
  name: string;
  value: string;
  description: string;
  assignedTo: string;
  keyId?: string;
}

const PLATFORMS = [
  'Salesforce',
  'Mailchimp',
  'HubSpot',
  'Stripe',
  'Twilio',
  'Zapier',
  'Engaging Networks',
  'ON24',
  'Emplifi',
  'Slack',
  'GitHub',
  'Google Analytics',
  'Segment',
  'Intercom',
  'Zendesk',
  'Shopify',
  'Airtable',
  'Asana',
  'Dropbox',
  'DocuSign',
  'Eventbrite',
  'Facebook Ads',
  'LinkedIn',
  'Mixpanel',
  'PayPal',
  'QuickBooks',
  'SendGrid',
  'SurveyMonkey',
  'Trello',
  'Typeform',
  'Vimeo',
  'Webflow',
  'WordPress',
  'Xero',
  'YouTube',
  'Zoom',
  'Brevo',
  'Klaviyo',
  'Okta',
  'Auth0',
];
const PURPOSES = [
  'sync',
  'webhook',
  'nightly export',
  'donation form',
  'CRM import',
  'reporting',
  'newsletter',
  'SMS alerts',
  'event registration',
  'data warehouse',
  'backup job',
  'website widget',
  'mobile app',
  'payment callback',
  'analytics feed',
  'lead capture',
  'audit script',
  'migration',
  'integration test',
  'dashboard',
];
const ENVIRONMENTS = ['prod', 'staging', 'dev', 'test'];
const FIRST = [
  'jane',
  'omar',
  'li',
  'sofia',
  'david',
  'amara',
  'lucas',
  'mei',
  'noah',
  'priya',
  'tom',
  'zoe',
];
const LAST = ['doe', 'haddad', 'wei', 'rossi', 'smith', 'okafor', 'martin', 'chen', 'berg', 'patel'];

/** Deterministic PRNG (mulberry32) so every run searches the same data. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function makeBenchTokens(count: number, seed = 2026): BenchToken[] {
  const random = prng(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const tokens: BenchToken[] = [];
  for (let i = 1; i <= count; i++) {
    const platform = pick(PLATFORMS);
    const purpose = pick(PURPOSES);
    const env = pick(ENVIRONMENTS);
    const user = `${pick(FIRST)}.${pick(LAST)}`;
    tokens.push({
      name: `${platform} ${purpose} (${env}) ${i}`,
      value: generateTokenValue(),
      description: `Used by the ${purpose} of the ${env} ${platform} integration; owner ${user}.`,
      assignedTo: user,
      ...(i % 5 === 0
        ? {
            keyId: `key_${Math.floor(random() * 0xffffff)
              .toString(16)
              .padStart(6, '0')}`,
          }
        : {}),
    });
  }
  return tokens;
}

/** What people type into a search box, one keystroke at a time. */
export const SEARCH_QUERIES = [
  'salesforce',
  'mailchimp news',
  'stripe payment prod',
  'jane',
  'webhook',
  'twilio sms',
  'google analytics',
  'priya.patel',
  'engaging networks donation',
  'key_',
  'zoom staging',
  'nothing matches this',
];

export function keystrokePrefixes(queries: readonly string[] = SEARCH_QUERIES): string[] {
  const prefixes: string[] = [];
  for (const query of queries) {
    for (let i = 1; i <= query.length; i++) {
      const prefix = query.slice(0, i);
      if (!prefix.endsWith(' ')) prefixes.push(prefix);
    }
  }
  return prefixes;
}
