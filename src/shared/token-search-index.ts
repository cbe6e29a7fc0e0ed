import type { TokenMeta } from './model';
import type { TokenListQuery } from './inputs';
import { compareTokens } from './token-order';

/** Separates the fields of one token's haystack, so no term matches across two fields. */
const FIELD_SEPARATOR = '\u0001';
/**
 * At most this many distinct characters and character pairs get a bitmap (one bit per token: 25 KiB each at
 * 200,000 tokens, so at most 100 MiB there, about 15 MiB on realistic names). Past it, a pair without a bitmap
 * only stops narrowing the candidates; the answer stays exact.
 */
const MAX_GRAMS = 4096;

/** A character (its code) or a pair of characters (first * 65536 + second, always >= 65536). */
function gramsOf(term: string): number[] {
  if (term.length === 1) return [term.charCodeAt(0)];
  const grams: number[] = [];
  for (let i = 0; i + 1 < term.length; i++) grams.push(term.charCodeAt(i) * 65536 + term.charCodeAt(i + 1));
  return grams;
}

/**
 * Search-as-you-type over metadata held in memory (never values). A keystroke must stay within 5 ms at 200,000
 * tokens (bench/vault-core.bench.ts), where testing every token's text takes about 40 ms. So each character and
 * each pair of adjacent characters has a bitmap of the tokens whose text holds it: the tokens holding every pair
 * of a term are found by ANDing bitmaps (exact for terms of one or two characters), and only those are tested.
 */
export class TokenSearchIndex {
  private metas: TokenMeta[] = [];
  private haystacks: string[] = [];
  private grams = new Map<number, Uint32Array>();
  /** Bitmaps of single characters (by code) and of pairs of ASCII characters, indexed directly. */
  private direct: (Uint32Array | undefined)[] = [];
  private gramCount = 0;
  /** False when MAX_GRAMS was reached: a gram without a bitmap may then still occur. */
  private gramsComplete = true;
  private words = 0;

  load(tokens: TokenMeta[]): void {
    this.metas = [...tokens].sort(compareTokens);
    this.haystacks = this.metas.map((meta) =>
      [
        meta.name,
        meta.description,
        meta.assignedTo,
        meta.application,
        meta.keyId,
        meta.kind,
        meta.accountName,
      ]
        .filter(Boolean)
        .join(FIELD_SEPARATOR)
        .toLowerCase(),
    );
    this.words = (this.metas.length + 31) >>> 5;
    this.grams = new Map();
    this.direct = new Array<Uint32Array | undefined>(65536 + 128 * 128);
    this.gramCount = 0;
    this.gramsComplete = true;
    const separator = FIELD_SEPARATOR.charCodeAt(0);
    this.haystacks.forEach((haystack, position) => {
      const word = position >>> 5;
      const bit = 1 << (position & 31);
      let previous = separator;
      for (let i = 0; i < haystack.length; i++) {
        const code = haystack.charCodeAt(i);
        if (code === separator) {
          previous = separator;
          continue;
        }
        this.mark(code, word, bit);
        if (previous !== separator) this.mark(previous * 65536 + code, word, bit);
        previous = code;
      }
    });
  }

  private mark(gram: number, word: number, bit: number): void {
    // Characters and pairs of ASCII characters (nearly all of them) sit in arrays; a Map lookup per character
    // was most of the time it takes to load the index.
    const slot =
      gram < 65536
        ? gram
        : gram < 128 * 65536 && gram % 65536 < 128
          ? 65536 + ((gram >>> 16) << 7) + (gram & 127)
          : -1;
    let bitmap = slot >= 0 ? this.direct[slot] : this.grams.get(gram);
    if (!bitmap) {
      if (this.gramCount >= MAX_GRAMS) {
        this.gramsComplete = false;
        return;
      }
      bitmap = new Uint32Array(this.words);
      this.gramCount++;
      if (slot >= 0) this.direct[slot] = bitmap;
      else this.grams.set(gram, bitmap);
    }
    bitmap[word]! |= bit;
  }

  private bitmapOf(gram: number): Uint32Array | undefined {
    const slot =
      gram < 65536
        ? gram
        : gram < 128 * 65536 && gram % 65536 < 128
          ? 65536 + ((gram >>> 16) << 7) + (gram & 127)
          : -1;
    return slot >= 0 ? this.direct[slot] : this.grams.get(gram);
  }

  query(query: TokenListQuery): TokenMeta[] {
    const terms = [...new Set((query.search ?? '').toLowerCase().split(/\s+/).filter(Boolean))];
    const candidates = new Uint32Array(this.words).fill(0xffffffff);
    for (const term of terms) {
      for (const gram of gramsOf(term)) {
        const bitmap = this.bitmapOf(gram);
        if (!bitmap) {
          if (this.gramsComplete) return [];
          continue;
        }
        for (let word = 0; word < this.words; word++) candidates[word]! &= bitmap[word]!;
      }
    }
    // Terms of one or two characters are answered by their bitmap; longer ones are tested on each candidate.
    const tested = terms.filter((term) => term.length > 2 || !this.gramsComplete);
    const filtered = query.accountId !== undefined || query.kind !== undefined || query.status !== undefined;
    if (!filtered && tested.length === 0) return this.exactly(candidates);
    const out: TokenMeta[] = [];
    for (let word = 0; word < this.words; word++) {
      let bits = candidates[word]!;
      while (bits !== 0) {
        const low = bits & -bits;
        bits ^= low;
        const position = (word << 5) + (31 - Math.clz32(low));
        if (position >= this.metas.length) break;
        const meta = this.metas[position]!;
        if (filtered && !this.passesFilters(meta, query)) continue;
        if (tested.length && !this.holdsAll(position, tested)) continue;
        out.push(meta);
      }
    }
    return out;
  }

  /** The tokens of a bitmap that needs no further test: counted first, then copied (a whole word at a time). */
  private exactly(candidates: Uint32Array): TokenMeta[] {
    let total = 0;
    for (let word = 0; word < this.words; word++) {
      let bits = candidates[word]!;
      bits -= (bits >>> 1) & 0x55555555;
      bits = (bits & 0x33333333) + ((bits >>> 2) & 0x33333333);
      total += (((bits + (bits >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
    }
    const out = new Array<TokenMeta>(total);
    let next = 0;
    for (let word = 0; word < this.words; word++) {
      let bits = candidates[word]!;
      const base = word << 5;
      if (bits === -1 || bits === 0xffffffff) {
        const end = Math.min(base + 32, this.metas.length);
        for (let position = base; position < end; position++) out[next++] = this.metas[position]!;
        continue;
      }
      while (bits !== 0) {
        const low = bits & -bits;
        bits ^= low;
        const position = base + (31 - Math.clz32(low));
        if (position >= this.metas.length) break;
        out[next++] = this.metas[position]!;
      }
    }
    out.length = next;
    return out;
  }

  private passesFilters(meta: TokenMeta, query: TokenListQuery): boolean {
    return (
      (query.accountId === undefined || meta.accountId === query.accountId) &&
      (query.kind === undefined || meta.kind === query.kind) &&
      (query.status === undefined || meta.status === query.status)
    );
  }

  private holdsAll(position: number, terms: string[]): boolean {
    const haystack = this.haystacks[position]!;
    for (const term of terms) if (!haystack.includes(term)) return false;
    return true;
  }
}
