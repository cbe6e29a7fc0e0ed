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
  /** Room for the ranks of an answer, kept between calls (an answer of 200,000 tokens is 800 KB of them). */
  private rankScratch = new Int32Array(0);

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
    const out: TokenMeta[] = [];
    for (let rank = 0; rank < this.size; rank++) if (test(this.slots[rank]!)) out.push(this.byRank[rank]!);
    return out;
  }

  /** The tokens of a bitmap of slots, in list order (one pass over the order, the answer sized once). */
  collectBits(bits: Uint32Array): TokenMeta[] {
    let count = 0;
    for (let word = 0; word < bits.length; word++) count += popcount(bits[word]!);
    if (count === this.size) return this.byRank.slice(0, this.size);
    const out = new Array<TokenMeta>(count);
    let next = 0;
    const slots = this.slots;
    for (let rank = 0; rank < this.size && next < count; rank++) {
      const slot = slots[rank]!;
      const word = slot >>> 5;
      if (word < bits.length && (bits[word]! & (1 << (slot & 31))) !== 0) out[next++] = this.byRank[rank]!;
    }
    out.length = next;
    return out;
  }

  /**
   * The tokens of the first `count` slots, in list order: by their ranks, sorted. Slots are given in list order
   * at load, so the ranks of slots taken in slot order are in order already but for tokens written since, and
   * the sort is skipped when they are.
   */
  inOrder(slots: ArrayLike<number>, count: number): TokenMeta[] {
    if (this.rankScratch.length < count)
      this.rankScratch = new Int32Array(Math.max(count, this.ranks.length));
    const ranks = this.rankScratch.subarray(0, count);
    let sorted = true;
    for (let i = 0; i < count; i++) {
      ranks[i] = this.ranks[slots[i]!]!;
      if (i > 0 && ranks[i]! < ranks[i - 1]!) sorted = false;
    }
    if (!sorted) ranks.sort();
    const out = new Array<TokenMeta>(count);
    for (let i = 0; i < count; i++) out[i] = this.byRank[ranks[i]!]!;
    return out;
  }
}

function popcount(value: number): number {
  let bits = value - ((value >>> 1) & 0x55555555);
  bits = (bits & 0x33333333) + ((bits >>> 2) & 0x33333333);
  return (((bits + (bits >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}
