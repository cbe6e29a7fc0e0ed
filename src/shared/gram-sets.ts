import { SlotSet } from './slot-set';

const ASCII = 128;
/** How many sets are laid out between two checks of the time. */
const SETS_PER_STEP = 8192;

/**
 * The SlotSet of each gram (one, two, three or four UTF-16 code units) of src/shared/token-search-index.ts. Grams of
 * ASCII text, nearly all of them, sit in arrays indexed by their codes: one Map lookup per character was most of
 * the time it takes to index 200,000 tokens. Other grams share one Map, in three disjoint ranges of keys.
 */
export class GramSets {
  private readonly singles = new Array<SlotSet | undefined>(ASCII);
  private readonly pairs = new Array<SlotSet | undefined>(ASCII * ASCII);
  private readonly triples = new Array<(SlotSet | undefined)[] | undefined>(ASCII * ASCII);
  private readonly others = new Map<number, SlotSet>();
  private readonly otherQuads = new Map<string, SlotSet>();
  /** Every set, in the order made (for layOut). */
  private readonly all: SlotSet[] = [];

  /**
   * Gives every set counted so far its exact room, in one buffer (SlotSet.placeIn). Yields every SETS_PER_STEP
   * sets: at 200,000 tokens there are several hundred thousand, too many for one slice of a background build
   * (src/shared/token-search-index.ts).
   */
  *layOut(capacity: number): Generator<void, void> {
    const words = (capacity + 31) >>> 5;
    let total = 0;
    for (let i = 0; i < this.all.length; i++) {
      if (i % SETS_PER_STEP === SETS_PER_STEP - 1) yield;
      const set = this.all[i]!;
      total += set.count * 32 >= capacity ? words : set.count;
    }
    yield;
    const buffer = new Uint32Array(total);
    yield;
    let offset = 0;
    for (let i = 0; i < this.all.length; i++) {
      if (i % SETS_PER_STEP === SETS_PER_STEP - 1) yield;
      offset = this.all[i]!.placeIn(buffer, offset, capacity);
    }
  }

  private made(): SlotSet {
    const set = new SlotSet();
    this.all.push(set);
    return set;
  }

  single(a: number, create: boolean): SlotSet | undefined {
    if (a < ASCII) return (this.singles[a] ??= create ? this.made() : undefined);
    return this.other(a, create);
  }

  pair(a: number, b: number, create: boolean): SlotSet | undefined {
    if (a < ASCII && b < ASCII) return (this.pairs[a * ASCII + b] ??= create ? this.made() : undefined);
    return this.other(2 ** 16 + a * 2 ** 16 + b, create);
  }

  triple(a: number, b: number, c: number, create: boolean): SlotSet | undefined {
    if (a < ASCII && b < ASCII && c < ASCII) {
      const row = (this.triples[a * ASCII + b] ??= create
        ? new Array<SlotSet | undefined>(ASCII)
        : undefined);
      return row && (row[c] ??= create ? this.made() : undefined);
    }
    return this.other(2 ** 33 + a * 2 ** 32 + b * 2 ** 16 + c, create);
  }

  /** Four code units: only big indexes have them (src/shared/token-search-index.ts, QUADS_FROM_TOKENS). */
  quad(a: number, b: number, c: number, d: number, create: boolean): SlotSet | undefined {
    const triple = this.triple(a, b, c, create);
    return triple && this.quadAfter(triple, a, b, c, d, create);
  }

  /** The quad (a, b, c, d), given the set of its first three, (a, b, c). */
  quadAfter(
    triple: SlotSet,
    a: number,
    b: number,
    c: number,
    d: number,
    create: boolean,
  ): SlotSet | undefined {
    if (d < ASCII) {
      const row = (triple.extensions ??= create ? new Array<SlotSet | undefined>(ASCII) : undefined);
      return row && (row[d] ??= create ? this.made() : undefined);
    }
    const key = String.fromCharCode(a, b, c, d);
    let set = this.otherQuads.get(key);
    if (!set && create) {
      set = this.made();
      this.otherQuads.set(key, set);
    }
    return set;
  }

  private other(key: number, create: boolean): SlotSet | undefined {
    let set = this.others.get(key);
    if (!set && create) {
      set = this.made();
      this.others.set(key, set);
    }
    return set;
  }
}
