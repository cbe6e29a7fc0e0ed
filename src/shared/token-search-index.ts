import type { TokenMeta } from './model';
import type { TokenListQuery } from './inputs';
import { GramSets } from './gram-sets';
import { intersect, type SlotSet } from './slot-set';
import { TokenListOrder, type SlotTest } from './token-list-order';
import { compareTokens } from './token-order';
import { BETWEEN_OTHER_WORK, runInSlices, type SliceScheduler } from './time-sliced-work';

/**
 * The index may hold at most this many bytes of postings (about 32 MiB on 200,000 realistic tokens). Past it,
 * tokens are no longer indexed but kept "unindexed": every search tests them one by one, so answers stay exact
 * and memory stays bounded whatever the text (a vault of long random descriptions).
 */
export const MAX_POSTING_BYTES = 96 * 1024 * 1024;

/**
 * From this many tokens on, groups of four characters get sets too: a term of four characters is then answered
 * by its set, and longer ones have fewer candidates to test. Below it, testing the candidates of a four-character
 * term takes well under a millisecond, and the sets (about 60,000 of them at 200,000 tokens, 15 MiB) would be
 * memory spent for nothing.
 */
export const QUADS_FROM_TOKENS = 50_000;

/**
 * What `\s` matches (ECMAScript WhiteSpace and LineTerminator). A search term never holds one, since the search
 * is split on `\s+`, so grams holding one are never looked up and never indexed.
 */
function isSpace(code: number): boolean {
  return (
    code === 0x20 ||
    (code >= 0x09 && code <= 0x0d) ||
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

/**
 * Puts in `out` the set of each character, pair, triple (and quad) of the text (`create`: making missing sets;
 * else skipping them) and returns how many. Grams never span a line break (the field separator) or any other
 * white space. Filling an array, rather than calling back, keeps each caller's loop over them plain code.
 */
function gramSetsOf(text: string, sets: GramSets, quads: boolean, create: boolean, out: SlotSet[]): number {
  let count = 0;
  let z = -1;
  let a = -1;
  let b = -1;
  /** The set of the triple that ended at the previous character (z, a, b), if any. */
  let before: SlotSet | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (isSpace(c)) {
      z = a = b = -1;
      before = undefined;
      continue;
    }
    const single = sets.single(c, create);
    if (single) out[count++] = single;
    if (b >= 0) {
      const pair = sets.pair(b, c, create);
      if (pair) out[count++] = pair;
    }
    let triple: SlotSet | undefined;
    if (a >= 0) {
      triple = sets.triple(a, b, c, create);
      if (triple) out[count++] = triple;
    }
    if (quads && before) {
      const quad = sets.quadAfter(before, z, a, b, c, create);
      if (quad) out[count++] = quad;
    }
    before = triple;
    z = a;
    a = b;
    b = c;
  }
  return count;
}

/** The searched fields of a token, each in lower case; the definition a search answers to. */
function searchedFields(meta: TokenMeta): string[] {
  return [
    meta.name,
    meta.description,
    meta.assignedTo,
    meta.application,
    meta.keyId,
    meta.kind,
    meta.accountName,
  ]
    .filter((field): field is string => Boolean(field))
    .map((field) => field.toLowerCase());
}

function sameMeta(a: TokenMeta, b: TokenMeta): boolean {
  for (const key of Object.keys(b) as (keyof TokenMeta)[]) if (a[key] !== b[key]) return false;
  return Object.keys(a).length === Object.keys(b).length;
}

/** Whether the text holds every term (a plain loop: this runs on every candidate of a search). */
function holdsAll(text: string, terms: readonly string[]): boolean {
  for (let i = 0; i < terms.length; i++) if (!text.includes(terms[i]!)) return false;
  return true;
}

/**
 * Whether every token holding all of `terms` holds all of `before` (each earlier term is inside a term now):
 * then a search need only test what the earlier one answered, as when a user types one more character.
 */
function narrows(terms: readonly string[], before: readonly string[]): boolean {
  return before.every((earlier) => terms.some((term) => term.includes(earlier)));
}

/** How many tokens are indexed between two checks of the time (src/shared/time-sliced-work.ts). */
const SLOTS_PER_STEP = 256;

/** Splits a search into its distinct lower-case terms, as every caller of the index does. */
function termsOf(search: string | undefined): string[] {
  return [...new Set((search ?? '').toLowerCase().split(/\s+/).filter(Boolean))];
}

/**
 * Search-as-you-type over metadata held in memory (never values). A token matches when every term is a substring
 * of one of its fields (lower case); answers come in list order (src/shared/token-order.ts).
 *
 * A keystroke must stay within 5 ms at 200,000 tokens (bench/vault-core-200k.bench.ts), where testing every
 * token's text takes about 40 ms. So every character, pair and triple of characters inside one field has the set
 * of tokens whose text holds it (a SlotSet): a term of up to three characters is answered by its set alone, a
 * longer one by the intersection of its triples' sets (smallest first), whose few candidates are then tested.
 * The sets are built in the background, in slices of a few milliseconds between other work
 * (src/shared/time-sliced-work.ts): from the first search, or from `startBuilding` (the renderer calls it on
 * load). Until they are done (about 5 s at 200,000 tokens), a search tests every token's text (about 20 ms at
 * 200,000, 1 ms at 10,000), or only what the previous search answered when the new one narrows it; so the first
 * keystroke after unlock never waits for the sets, and a process that only lists never builds them.
 *
 * Tokens live in slots that never move; the list order is kept apart (TokenListOrder), so one token is added,
 * changed or removed without rebuilding anything (`upsert`, `remove`).
 */
export class TokenSearchIndex {
  constructor(
    private readonly maxPostingBytes = MAX_POSTING_BYTES,
    private readonly quadsFromTokens = QUADS_FROM_TOKENS,
    private readonly schedule: SliceScheduler = BETWEEN_OTHER_WORK,
  ) {}

  private readonly order = new TokenListOrder();
  private metas: (TokenMeta | undefined)[] = [];
  /** The searched fields of each slot, joined by a line break (which no term holds, so none matches across two). */
  private texts: string[] = [];
  private slotById = new Map<number, number>();
  /** Room for the candidate slots of a search, kept between searches. */
  private candidates = new Int32Array(0);
  private freeSlots: number[] = [];
  private grams: {
    sets: GramSets;
    bytes: number;
    /** Whether groups of four characters have sets (decided when the sets are built). */
    quads: boolean;
    /** Slots whose grams are not (all) in the sets: tested on every search. */
    unindexed: Set<number>;
  } | null = null;
  /** The build of the sets under way, if any: dropped (and started again) when a token changes under it. */
  private building: object | null = null;
  /** Bumped on every change of the tokens: what an earlier scan answered holds only for the same version. */
  private version = 0;
  /** The slots the last scan (a search before the sets were built) matched, in slot order. */
  private scanned: { version: number; terms: string[]; slots: Int32Array } | null = null;

  load(tokens: TokenMeta[]): void {
    // Slots are given in list order, so that slot order and list order agree for every token but those written
    // since: a pass over the slots then reads the texts, the sets and the order arrays front to back.
    this.metas = [...tokens].sort(compareTokens);
    tokens = this.metas as TokenMeta[];
    this.texts = tokens.map((meta) => searchedFields(meta).join('\n'));
    this.slotById = new Map(tokens.map((meta, slot) => [meta.id, slot]));
    this.freeSlots = [];
    this.grams = null;
    this.order.load(this.metas);
    this.changed();
  }

  /** Whether the sets are built (else a search tests every token: exact, slower). */
  get setsReady(): boolean {
    return this.grams !== null;
  }

  /** Starts building the sets in the background, unless they are built or being built. */
  startBuilding(): void {
    if (this.grams || this.building) return;
    const build = {};
    this.building = build;
    runInSlices(this.buildSteps(), this.schedule, () => this.building === build);
  }

  /** Drops a build under way (a list no longer shown). */
  stopBuilding(): void {
    this.building = null;
  }

  /** After any change of the tokens: an earlier scan no longer holds; a build under way starts again. */
  private changed(): void {
    this.version++;
    this.scanned = null;
    if (this.building) {
      this.building = null;
      this.startBuilding();
    }
  }

  get size(): number {
    return this.order.size;
  }

  /** Adds a token, or replaces the one with its id: its old grams and place out, its new ones in. */
  upsert(meta: TokenMeta): void {
    const existing = this.slotById.get(meta.id);
    if (existing !== undefined) {
      if (sameMeta(this.metas[existing]!, meta)) return;
      this.remove(meta.id);
    }
    const slot = this.freeSlots.pop() ?? this.metas.length;
    this.metas[slot] = meta;
    this.texts[slot] = searchedFields(meta).join('\n');
    this.slotById.set(meta.id, slot);
    this.order.insert(slot, meta);
    if (this.grams) this.indexSlot(slot);
    this.changed();
  }

  remove(id: number): void {
    const slot = this.slotById.get(id);
    if (slot === undefined) return;
    this.order.remove(slot);
    if (this.grams) this.unindexSlot(slot);
    this.slotById.delete(id);
    this.metas[slot] = undefined;
    this.texts[slot] = '';
    this.freeSlots.push(slot);
    this.changed();
  }

  has(id: number): boolean {
    return this.slotById.has(id);
  }

  /** The ids of the tokens of one account (a pass over every token: for the rare account-wide change). */
  idsOfAccount(accountId: number): number[] {
    const ids: number[] = [];
    for (const meta of this.metas) if (meta?.accountId === accountId) ids.push(meta.id);
    return ids;
  }

  query(query: TokenListQuery): TokenMeta[] {
    const terms = termsOf(query.search);
    const filtered = query.accountId !== undefined || query.kind !== undefined || query.status !== undefined;
    const passes: SlotTest = filtered ? (slot) => this.passesFilters(this.metas[slot]!, query) : null;
    if (terms.length === 0) return this.order.collect(passes);

    this.startBuilding();
    const grams = this.grams;
    if (!grams) return this.scan(terms, passes);
    const sets: SlotSet[] = [];
    let impossible = false;
    for (const term of terms) {
      for (const set of this.setsOf(term)) {
        if (set === undefined || set.count === 0) impossible = true;
        else sets.push(set);
      }
    }
    const texts = this.texts;
    const passesAll = (slot: number, needed: string[]) =>
      (passes === null || passes(slot)) && holdsAll(texts[slot]!, needed);
    // Unindexed tokens (past the memory budget; none on realistic vaults) are tested on every term.
    const unindexed: number[] = [];
    for (const slot of grams.unindexed) if (passesAll(slot, terms)) unindexed.push(slot);
    if (impossible) return this.order.inOrder(unindexed, unindexed.length);

    // Terms as long as the longest grams are answered by their sets; longer ones are tested on each candidate.
    const tested = terms.filter((term) => term.length > (grams.quads ? 4 : 3));
    const found = intersect(sets);
    if ('bits' in found && passes === null && tested.length === 0 && unindexed.length === 0)
      return this.order.collectBits(found.bits);
    // Candidates are tested in slot order, which is how their texts lie in memory: in list order, jumping about,
    // testing 40,000 of them took four times as long (cache misses).
    if (this.candidates.length < this.metas.length) this.candidates = new Int32Array(this.metas.length);
    const candidates = this.candidates;
    let count = 0;
    if ('bits' in found) {
      const bits = found.bits;
      for (let word = 0; word < bits.length; word++) {
        let value = bits[word]!;
        while (value !== 0) {
          const low = value & -value;
          value ^= low;
          const slot = (word << 5) + (31 - Math.clz32(low));
          if (passesAll(slot, tested)) candidates[count++] = slot;
        }
      }
    } else {
      for (let i = 0; i < found.count; i++)
        if (passesAll(found.list[i]!, tested)) candidates[count++] = found.list[i]!;
    }
    for (const slot of unindexed) candidates[count++] = slot;
    return this.order.inOrder(candidates, count);
  }

  /**
   * A search before the sets are built: every token's text tested, in slot order (how the texts lie in memory),
   * or only the slots the previous scan matched when this search narrows it.
   */
  private scan(terms: string[], passes: SlotTest): TokenMeta[] {
    const texts = this.texts;
    const before =
      this.scanned?.version === this.version && narrows(terms, this.scanned.terms) ? this.scanned : null;
    const matched = new Int32Array(before ? before.slots.length : texts.length);
    let count = 0;
    if (before) {
      for (const slot of before.slots) if (holdsAll(texts[slot]!, terms)) matched[count++] = slot;
    } else {
      // A removed slot's text is empty, and no term is.
      for (let slot = 0; slot < texts.length; slot++)
        if (holdsAll(texts[slot]!, terms)) matched[count++] = slot;
    }
    const slots = matched.slice(0, count);
    this.scanned = { version: this.version, terms, slots };
    if (passes === null) return this.order.inOrder(slots, count);
    let passed = 0;
    for (let i = 0; i < count; i++) if (passes(slots[i]!)) matched[passed++] = slots[i]!;
    return this.order.inOrder(matched, passed);
  }

  /** The sets a term's candidates must be in: its one character, its pair, or each of its triples (or quads). */
  private setsOf(term: string): (SlotSet | undefined)[] {
    const { sets: grams, quads } = this.grams!;
    const codes = Array.from({ length: term.length }, (_, i) => term.charCodeAt(i));
    if (codes.length === 1) return [grams.single(codes[0]!, false)];
    if (codes.length === 2) return [grams.pair(codes[0]!, codes[1]!, false)];
    const sets: (SlotSet | undefined)[] = [];
    if (quads && codes.length >= 4) {
      for (let i = 0; i + 3 < codes.length; i++)
        sets.push(grams.quad(codes[i]!, codes[i + 1]!, codes[i + 2]!, codes[i + 3]!, false));
      return sets;
    }
    for (let i = 0; i + 2 < codes.length; i++)
      sets.push(grams.triple(codes[i]!, codes[i + 1]!, codes[i + 2]!, false));
    return sets;
  }

  /**
   * Builds every set, in two passes over the texts: count each gram's tokens, then fill sets laid out at their
   * exact sizes in one buffer. Growing lists one token at a time left as much freed memory behind as the sets
   * themselves hold (allocator memory that stays in the process's RSS). Yields every SLOTS_PER_STEP tokens; the
   * tokens must not change until it is done (a change drops it: `changed`).
   */
  private *buildSteps(): Generator<void, void> {
    const sets = new GramSets();
    const grams = {
      sets,
      bytes: 0,
      unindexed: new Set<number>(),
      quads: this.order.size >= this.quadsFromTokens,
    };
    const capacity = Math.max(this.metas.length, 32);
    const bitmapBytes = ((capacity + 31) >>> 5) * 4;
    const counted: number[] = [];
    const scratch: SlotSet[] = [];
    for (let slot = 0; slot < this.metas.length; slot++) {
      if (slot % SLOTS_PER_STEP === SLOTS_PER_STEP - 1) yield;
      if (!this.metas[slot]) continue;
      if (grams.bytes > this.maxPostingBytes) {
        grams.unindexed.add(slot);
        continue;
      }
      counted.push(slot);
      const found = gramSetsOf(this.texts[slot]!, sets, grams.quads, true, scratch);
      for (let i = 0; i < found; i++) {
        const set = scratch[i]!;
        if (set.last === slot) continue;
        set.last = slot;
        set.count++;
        // What the set will hold: a list until a bitmap is smaller.
        if (set.count * 4 <= bitmapBytes) grams.bytes += 4;
      }
    }
    yield;
    yield* sets.layOut(capacity);
    yield;
    for (let i = 0; i < counted.length; i++) {
      if (i % SLOTS_PER_STEP === SLOTS_PER_STEP - 1) yield;
      const slot = counted[i]!;
      const found = gramSetsOf(this.texts[slot]!, sets, grams.quads, false, scratch);
      for (let j = 0; j < found; j++) scratch[j]!.append(slot, capacity);
    }
    this.grams = grams;
    this.building = null;
    this.scanned = null;
  }

  /** Puts one more slot's grams in their sets, once they exist. */
  private indexSlot(slot: number): void {
    const grams = this.grams!;
    if (grams.bytes > this.maxPostingBytes) {
      grams.unindexed.add(slot);
      return;
    }
    const capacity = Math.max(this.metas.length, 32);
    const scratch: SlotSet[] = [];
    const found = gramSetsOf(this.texts[slot]!, grams.sets, grams.quads, true, scratch);
    for (let i = 0; i < found; i++) grams.bytes += scratch[i]!.add(slot, capacity);
  }

  private unindexSlot(slot: number): void {
    const grams = this.grams!;
    if (grams.unindexed.delete(slot)) return;
    const scratch: SlotSet[] = [];
    const found = gramSetsOf(this.texts[slot]!, grams.sets, grams.quads, false, scratch);
    for (let i = 0; i < found; i++) scratch[i]!.delete(slot);
  }

  private passesFilters(meta: TokenMeta, query: TokenListQuery): boolean {
    return (
      (query.accountId === undefined || meta.accountId === query.accountId) &&
      (query.kind === undefined || meta.kind === query.kind) &&
      (query.status === undefined || meta.status === query.status)
    );
  }
}
