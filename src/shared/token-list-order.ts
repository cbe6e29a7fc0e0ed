import type { TokenMeta } from './model';
import { compareTokens } from './token-order';

/** A test a token must pass to be answered (filters, terms the sets cannot answer); null: every one passes. */
export type SlotTest = ((slot: number) => boolean) | null;

/**
 * The slots of src/shared/token-search-index.ts in list order (compareTokens), each slot's rank in it, and the
 * tokens themselves by rank, so an answer is copied in one sequential pass. Sorting 200,000 names with the
 * collator takes seconds, so it is done once per load; a token added, changed or removed afterwards moves only
 * itself (a binary search and one shift of the arrays).
 */
export class TokenListOrder {
  /** Slots by rank; the first `size` are used. */
  private slots = new Int32Array(0);
  /** Rank by slot (-1: the slot is free). */
  private ranks = new Int32Array(0);
  /** Tokens by rank: what an answer copies. */
  private byRank: TokenMeta[] = [];
  size = 0;
  /** A mark per slot, kept zeroed between calls (sortSlots). */
  private marks = new Uint8Array(0);

  load(metas: readonly (TokenMeta | undefined)[]): void {
    const slots: number[] = [];
    metas.forEach((meta, slot) => {
      if (meta) slots.push(slot);
    });
    // Already in order when the index loaded them sorted; a sorted array costs one comparison per token.
    slots.sort((a, b) => compareTokens(metas[a]!, metas[b]!));
    this.size = slots.length;
    this.slots = Int32Array.from(slots);
    this.byRank = slots.map((slot) => metas[slot]!);
    this.ranks = new Int32Array(metas.length).fill(-1);
    for (let rank = 0; rank < slots.length; rank++) this.ranks[slots[rank]!] = rank;
    this.marks = new Uint8Array(metas.length);
  }

  insert(slot: number, meta: TokenMeta): void {
    let low = 0;
    let high = this.size;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (compareTokens(this.byRank[mid]!, meta) < 0) low = mid + 1;
      else high = mid;
    }
    if (this.size === this.slots.length) {
      const slots = new Int32Array(this.size * 2 + 16);
      slots.set(this.slots);
      this.slots = slots;
    }
    if (slot >= this.ranks.length) {
      const ranks = new Int32Array(Math.max(slot + 1, this.ranks.length * 2 + 16)).fill(-1);
      ranks.set(this.ranks);
      this.ranks = ranks;
      const marks = new Uint8Array(ranks.length);
      marks.set(this.marks);
      this.marks = marks;
    }
    this.slots.copyWithin(low + 1, low, this.size);
    this.slots[low] = slot;
    this.byRank.splice(low, 0, meta);
    this.size++;
    for (let rank = low; rank < this.size; rank++) this.ranks[this.slots[rank]!] = rank;
  }

  remove(slot: number): void {
    const at = slot < this.ranks.length ? this.ranks[slot]! : -1;
    if (at < 0) return;
    this.slots.copyWithin(at, at + 1, this.size);
    this.byRank.splice(at, 1);
    this.size--;
    this.ranks[slot] = -1;
    for (let rank = at; rank < this.size; rank++) this.ranks[this.slots[rank]!] = rank;
  }

  /** Every token that passes, in list order. */
  collect(test: SlotTest): TokenMeta[] {
    if (test === null) return this.byRank.slice(0, this.size);
    const slots: number[] = [];
    for (let slot = 0; slot < this.ranks.length; slot++)
      if (this.ranks[slot]! >= 0 && test(slot)) slots.push(slot);
    return this.sortSlots(slots);
  }

  /**
   * The tokens of a bitmap of slots that pass, in list order. A test runs in slot order, before ranking: slots
   * follow the order tokens were loaded in, and so does their text in memory, while list order jumps about it
   * (testing 40,000 texts in list order took four times as long, from cache misses).
   */
  collectBits(bits: Uint32Array, test: SlotTest): TokenMeta[] {
    let count = 0;
    for (let word = 0; word < bits.length; word++) count += popcount(bits[word]!);
    if (test === null && count === this.size) return this.byRank.slice(0, this.size);
    if (test === null && count * 16 >= this.size) {
      const slots = this.slots;
      return this.scan(count, (rank) => {
        const slot = slots[rank]!;
        const word = slot >>> 5;
        return word < bits.length && (bits[word]! & (1 << (slot & 31))) !== 0;
      });
    }
    const slots: number[] = [];
    for (let word = 0; word < bits.length; word++) {
      let value = bits[word]!;
      while (value !== 0) {
        const low = value & -value;
        value ^= low;
        const slot = (word << 5) + (31 - Math.clz32(low));
        if (test === null || test(slot)) slots.push(slot);
      }
    }
    return this.sortSlots(slots);
  }

  /**
   * The tokens of these slots in list order: their ranks sorted when they are few, else one pass over the order
   * with the slots marked (cheaper than sorting once they are more than about one in sixteen).
   */
  sortSlots(slots: readonly number[]): TokenMeta[] {
    const count = slots.length;
    if (count * 16 < this.size) {
      const ranks = new Int32Array(count);
      for (let i = 0; i < count; i++) ranks[i] = this.ranks[slots[i]!]!;
      ranks.sort();
      const out = new Array<TokenMeta>(count);
      for (let i = 0; i < count; i++) out[i] = this.byRank[ranks[i]!]!;
      return out;
    }
    const marks = this.marks;
    for (let i = 0; i < count; i++) marks[slots[i]!] = 1;
    const order = this.slots;
    const out = this.scan(count, (rank) => marks[order[rank]!] === 1);
    for (let i = 0; i < count; i++) marks[slots[i]!] = 0;
    return out;
  }

  /** The tokens whose rank passes, in one pass; at most `atMost` of them (the array is sized once). */
  private scan(atMost: number, passes: (rank: number) => boolean): TokenMeta[] {
    const out = new Array<TokenMeta>(atMost);
    let next = 0;
    for (let rank = 0; rank < this.size && next < atMost; rank++)
      if (passes(rank)) out[next++] = this.byRank[rank]!;
    out.length = next;
    return out;
  }
}

function popcount(value: number): number {
  let bits = value - ((value >>> 1) & 0x55555555);
  bits = (bits & 0x33333333) + ((bits >>> 2) & 0x33333333);
  return (((bits + (bits >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}
