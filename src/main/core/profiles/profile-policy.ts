import { VaultError } from '../../../shared/errors';
import type { Account, TokenMeta, TokenRole } from '../../../shared/model';
import { acceptsSetValue } from '../../../shared/platform-guides';
import { findKindRule, type KindRule, type ProfileDefinition } from '../../../shared/profiles';
import {
  fixedValueLength,
  isStatusLocked,
  mayRecordDisabled,
  mayRestoreEarlierValues,
  worksAgainOnlyWithNewValue,
} from '../../../shared/token-questions';
import type { TokenDraft, TokenPolicy } from '../tokens/token-policy';

/** Lifecycle operations a profile may forbid for some tokens. */
export type LifecycleOperation =
  | 'regenerate'
  | 'validate'
  | 'invalidate'
  | 'enable'
  | 'disable'
  | 'activity'
  | 'expiry'
  | 'delete'
  | 'purge'
  | 'map'
  | 'assign-endpoint';

/** What the policy needs to know about a token's ties, read from the database by the caller. */
export interface TokenTies {
  /** Mappings where the token is the secondary or the primary. */
  linkCount(tokenId: number): number;
  endpointAssignmentCount(tokenId: number): number;
  /** True when the stored value has exactly `length` characters, all in A-Z, a-z, 0-9 (checked inside SQLite). */
  valueIsAlphanumeric(tokenId: number, length: number): boolean;
}

const ALPHANUMERIC_VALUE = (length: number) => new RegExp(`^[A-Za-z0-9]{${length}}$`);

/** The input a refusal is about, so a form can mark that field (VaultError.field); the draft's names plus the value. */
export type RefusedField = keyof TokenDraft | 'value';

function refuse(sentence: string, field?: RefusedField): never {
  throw new VaultError('POLICY', sentence, field ? { field } : undefined);
}

function lower(label: string): string {
  return label.charAt(0).toLowerCase() + label.slice(1);
}

/** The distinct characters of `text` outside the allowed set, in the order they first appear. */
function refusedCharacters(text: string, allowed: string): string[] {
  const one = new RegExp(`^${allowed}$`, 'u');
  return [...new Set([...text].filter((character) => !one.test(character)))];
}

/** English article for the labels used here ("a user", "an endpoint token"): words starting "u" here sound like "you". */
function article(word: string): string {
  return /^[aeio]/i.test(word) ? 'an' : 'a';
}

/**
 * One profile's rules (src/shared/profiles.ts) enforced on every save and every lifecycle step. Each refusal is a
 * POLICY error with a sentence that names the rule and the way forward; none quotes a secret.
 */
export class ProfilePolicy implements TokenPolicy {
  constructor(
    readonly profile: ProfileDefinition,
    private readonly ties?: TokenTies,
  ) {}

  kindRuleFor(kind: string): KindRule | undefined {
    return findKindRule(this.profile, kind);
  }

  beforeSave(account: Account, draft: TokenDraft, siblings: TokenMeta[], existing?: TokenMeta): TokenDraft {
    const profile = this.profile;
    const kind = draft.kind || profile.defaultKind;
    if (profile.kinds.length > 0 && !profile.kinds.includes(kind)) {
      refuse(
        `${profile.label} accounts hold ${profile.kinds.map((k) => `"${k}"`).join(' or ')} tokens, not "${kind}".`,
      );
    }
    const rule = this.kindRuleFor(kind);
    let role: TokenRole = draft.role;
    let description = draft.description;
    if (rule) {
      role = this.checkRole(rule, draft.role);
      this.checkCounts(account, rule, kind, role, draft, siblings, existing);
      if (rule.requiresAssignedTo && !draft.assignedTo?.trim()) {
        refuse(
          `In ${profile.label} accounts, ${article(rule.label)} ${lower(rule.label)} must be assigned to ${article(rule.assignedToLabel ?? 'user')} ${lower(rule.assignedToLabel ?? 'user')}.`,
          'assignedTo',
        );
      }
      if (rule.requiresKeyId && !draft.keyId?.trim()) {
        refuse(
          `In ${profile.label} accounts, ${article(rule.label)} ${lower(rule.label)} needs its ${lower(rule.keyIdLabel ?? 'key id')} recorded (the visible half of the pair).`,
          'keyId',
        );
      }
      description = this.primaryDescription(account, rule, role, description, existing);
      if (existing && existing.role !== role && rule.valueFormat?.roles.includes(role)) {
        if (!this.ties?.valueIsAlphanumeric(existing.id, rule.valueFormat.length)) {
          refuse(
            `"${existing.name}" cannot become ${article(role)} ${role} token: its value is not ${rule.valueFormat.length} letters and digits. Regenerate it first.`,
          );
        }
      }
    }
    if (profile.descriptionRequired && !description.trim()) {
      refuse(
        `${profile.label} requires a description for every token: say what it is for and who uses it.`,
        'description',
      );
    }
    // The primary's fixed description is the platform's own text (it holds the account name), so it is not checked.
    const fixedByPlatform = rule?.fixedPrimaryDescription !== undefined && role === 'primary';
    if (profile.descriptionCharacters && !fixedByPlatform) {
      const refused = refusedCharacters(description, profile.descriptionCharacters.allowed);
      if (refused.length > 0) {
        refuse(
          `${profile.label} does not accept ${refused.map((c) => `"${c}"`).join(', ')} in a description; use ${profile.descriptionCharacters.described}.`,
          'description',
        );
      }
    }
    if (existing && existing.role !== role && this.ties) {
      if (this.ties.linkCount(existing.id) > 0 || this.ties.endpointAssignmentCount(existing.id) > 0) {
        refuse(
          `"${existing.name}" is mapped or serves an endpoint; unmap and unassign it before changing its role.`,
        );
      }
    }
    return { ...draft, kind, role, description };
  }

  checkValue(_account: Account, draft: TokenDraft, value: string): void {
    const rule = this.kindRuleFor(draft.kind || this.profile.defaultKind);
    const format = rule?.valueFormat;
    if (!format || !format.roles.includes(draft.role)) return;
    if (!ALPHANUMERIC_VALUE(format.length).test(value)) {
      refuse(
        `In ${this.profile.label} accounts, ${article(draft.role)} ${draft.role} token's value is exactly ${format.length} letters and digits (A-Z, a-z, 0-9); generate one instead.`,
        'value',
      );
    }
  }

  /** Profile rules on lifecycle steps; usage (in use, forced) is checked by the lifecycle itself. */
  beforeLifecycle(token: TokenMeta, operation: LifecycleOperation): void {
    const profile = this.profile;
    const rule = this.kindRuleFor(token.kind);
    if ((operation === 'validate' || operation === 'invalidate') && isStatusLocked(profile, token)) {
      refuse(
        `The ${token.role} ${lower(rule?.label ?? token.kind)} of ${profile.label} cannot be validated or invalidated from the manager, only replaced: regenerate it with the new value the platform issued.`,
      );
    }
    if (operation === 'validate' && worksAgainOnlyWithNewValue(profile, token)) {
      refuse(
        `${profile.label} cannot turn an invalidated token back on; it issues a new one. Record the new value it issued for "${token.name}" by regenerating it (Regenerate… in the app, "tokenvault token regenerate" in the CLI): that makes it valid again.`,
      );
    }
    if (operation === 'disable' && token.enabled && !mayRecordDisabled(profile)) {
      refuse(
        `${profile.label} has no switch that turns a token off and on again; to stop "${token.name}" working, invalidate it there and record that instead.`,
      );
    }
    if (operation === 'map' && !profile.mapping) {
      refuse(`${profile.label} has no secondary-to-primary mappings; only endpoint and generic accounts do.`);
    }
    if (operation === 'assign-endpoint' && !profile.endpoints) {
      refuse(`${profile.label} accounts have no endpoints; only endpoint and generic accounts do.`);
    }
  }

  /**
   * A regenerate records a new value: the current one again is no change, and where the platform cannot bring a
   * reset value back (Engaging Networks), an earlier one would not work there either.
   */
  checkNewValue(token: Pick<TokenMeta, 'name'>, match: 'current' | 'earlier' | null): void {
    if (match === 'current')
      throw new VaultError(
        'INVALID_INPUT',
        `That is the value "${token.name}" already has; paste the new value ${this.profile.label === 'Generic' ? 'the platform' : this.profile.label} issued.`,
        { field: 'value' },
      );
    if (match === 'earlier' && !mayRestoreEarlierValues(this.profile))
      throw new VaultError(
        'POLICY',
        `That is an earlier value of "${token.name}"; ${this.profile.label} does not take back a value it reset. Paste the new value it issued.`,
        { field: 'value' },
      );
  }

  /**
   * A value generated here is refused where the platform issues its own (Engaging Networks, ON24, Emplifi): a
   * generated value would never match what the platform accepts.
   */
  checkValueSetHere(token: Pick<TokenMeta, 'kind' | 'role' | 'name'>): void {
    if (acceptsSetValue(this.profile, token.kind, token.role)) return;
    refuse(
      `${this.profile.label} issues the values of its ${lower(this.kindRuleFor(token.kind)?.label ?? 'token')}s itself: paste the value it issued for "${token.name}".`,
    );
  }

  /** The length and alphabet of a value this profile's platform would issue for the token on regenerate. */
  regeneratedValueSpec(token: TokenMeta): { length: number } {
    const fixed = fixedValueLength(this.profile, token);
    if (fixed !== null) return { length: fixed };
    return { length: Math.min(4096, Math.max(token.valueLength, 32)) };
  }

  private checkRole(rule: KindRule, asked: TokenRole): TokenRole {
    if (rule.roles.includes(asked)) return asked;
    // `standalone` is what a caller gets by not choosing: take the kind's default role instead.
    if (asked === 'standalone') return rule.roles[0]!;
    if (rule.roles.length === 1 && rule.roles[0] === 'standalone') {
      refuse(
        `In ${this.profile.label} accounts, ${article(rule.label)} ${lower(rule.label)} has no primary or secondary role.`,
      );
    }
    refuse(
      `In ${this.profile.label} accounts, ${article(rule.label)} ${lower(rule.label)} is ${rule.roles.join(' or ')}, not ${asked}.`,
    );
  }

  private checkCounts(
    account: Account,
    rule: KindRule,
    kind: string,
    role: TokenRole,
    draft: TokenDraft,
    siblings: TokenMeta[],
    existing?: TokenMeta,
  ): void {
    const profile = this.profile;
    const sameKind = siblings.filter((token) => token.kind === kind);
    const kindChanged = !existing || existing.kind !== kind;
    if (rule.maxPerAccount !== undefined && kindChanged && sameKind.length >= rule.maxPerAccount) {
      if (rule.maxPerAccount === 1) {
        refuse(
          `"${account.name}" already has its ${lower(rule.label)} ("${sameKind[0]!.name}"); ${profile.label} allows one per account. Regenerate or replace that one instead.`,
        );
      }
      refuse(
        `${profile.label} allows at most ${rule.maxPerAccount} ${lower(rule.label)}s per account, and "${account.name}" already has ${sameKind.length}. Delete one first.`,
      );
    }
    if (
      rule.maxPrimaryPerAccount !== undefined &&
      role === 'primary' &&
      (kindChanged || existing?.role !== 'primary')
    ) {
      const primaries = sameKind.filter((token) => token.role === 'primary');
      if (primaries.length >= rule.maxPrimaryPerAccount) {
        refuse(
          `"${account.name}" already has its primary ${lower(rule.label)} ("${primaries[0]!.name}"); ${profile.label} allows ${rule.maxPrimaryPerAccount}, the others are secondary.`,
        );
      }
    }
    if (rule.onePerAssignee && draft.assignedTo) {
      const assignee = draft.assignedTo.trim().toLowerCase();
      const assigneeChanged = kindChanged || existing?.assignedTo?.trim().toLowerCase() !== assignee;
      const holder = sameKind.find((token) => token.assignedTo?.trim().toLowerCase() === assignee);
      if (assigneeChanged && holder) {
        refuse(
          `In ${profile.label} accounts, each ${lower(rule.assignedToLabel ?? 'user')} has one token, and "${draft.assignedTo.trim()}" already has "${holder.name}" (id ${holder.id}).`,
          'assignedTo',
        );
      }
    }
  }

  private primaryDescription(
    account: Account,
    rule: KindRule,
    role: TokenRole,
    description: string,
    existing?: TokenMeta,
  ): string {
    if (!rule.fixedPrimaryDescription || role !== 'primary') return description;
    const fixed = rule.fixedPrimaryDescription.replace('{account}', account.name);
    const untouched = !description.trim() || (existing !== undefined && description === existing.description);
    if (untouched || description === fixed) return fixed;
    refuse(
      `The primary ${lower(rule.label)}'s description is set by ${this.profile.label} ("${fixed}") and cannot be changed.`,
      'description',
    );
  }
}
