/**
 * A set of small non-negative integers (the slots of src/shared/token-search-index.ts): a sorted list while it is
 * sparse, a bitmap once the list would take more room than the bitmap (more than one member in 32 slots). Both
 * take members in any order, so the index can add and remove one token at a time.
 */
export class SlotSet {
  /** Sorted members while sparse (the first `count` entries are used); null once this is a bitmap. */
  list: Uint32Array | null = new Uint32Array(4);
  /**
   * For a triple's set, once groups of four have sets: the set of each triple + one ASCII character, by its code
   * (src/shared/gram-sets.ts), so a quad is found from the triple before it without a lookup of its own.
   */
  extensions: (SlotSet | undefined)[] | undefined = undefined;
  /** The last slot counted by a bulk load (src/shared/gram-sets.ts layOut), so a token counts once. */
  last = -1;
  /** One bit per slot once dense; shorter than the slot capacity when the high slots are all absent. */
  bits: Uint32Array | null = null;
  count = 0;

  /**
   * Adds in increasing order (a bulk load): no search, no shift. Returns the bytes this set grew by (what the
   * index's memory budget counts), 0 nearly always.
   */
  append(slot: number, capacity: number): number {
    const list = this.list;
    if (list === null) return this.setBit(slot, capacity);
    if (this.count > 0 && list[this.count - 1] === slot) return 0;
    if (this.count < list.length) {
      list[this.count++] = slot;
      return 0;
    }
    const before = list.byteLength;
    if (this.count * 32 >= capacity) this.toBits(capacity);
    else this.grow(list);
    return this.append(slot, capacity) + this.bytes - before;
  }

  /** Adds in any order; returns the bytes this set grew by. */
  add(slot: number, capacity: number): number {
    const list = this.list;
    if (list === null) return this.setBit(slot, capacity);
    const at = this.search(slot);
    if (at < this.count && list[at] === slot) return 0;
    if (this.count === list.length) {
      const before = list.byteLength;
      if (this.count * 32 >= capacity) this.toBits(capacity);
      else this.grow(list);
      return this.add(slot, capacity) + this.bytes - before;
    }
    list.copyWithin(at + 1, at, this.count);
    list[at] = slot;
    this.count++;
    return 0;
  }

  delete(slot: number): void {
    if (this.bits) {
      const word = slot >>> 5;
      const bit = 1 << (slot & 31);
      if (word < this.bits.length && (this.bits[word]! & bit) !== 0) {
        this.bits[word]! &= ~bit;
        this.count--;
      }
      return;
    }
    const at = this.search(slot);
    if (at >= this.count || this.list![at] !== slot) return;
    this.list!.copyWithin(at, at + 1, this.count);
    this.count--;
  }

  has(slot: number): boolean {
    if (this.bits) {
      const word = slot >>> 5;
      return word < this.bits.length && (this.bits[word]! & (1 << (slot & 31))) !== 0;
    }
    const at = this.search(slot);
    return at < this.count && this.list![at] === slot;
  }

  /**
   * Takes its room in a shared buffer, sized for the `count` members counted so far (a bitmap when more than one
   * slot in 32), and empties itself to be filled by `append`. Returns the offset after its room.
   */
  placeIn(buffer: Uint32Array, offset: number, capacity: number): number {
    const words = (capacity + 31) >>> 5;
    const dense = this.count * 32 >= capacity;
    const size = dense ? words : this.count;
    const room = buffer.subarray(offset, offset + size);
    this.list = dense ? null : room;
    this.bits = dense ? room : null;
    this.count = 0;
    this.last = -1;
    return offset + size;
  }

  /** Bytes held by the members (what the index's memory budget counts). */
  get bytes(): number {
    return (this.bits ?? this.list!).byteLength;
  }

  private search(slot: number): number {
    const list = this.list!;
    let low = 0;
    let high = this.count;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (list[mid]! < slot) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  private grow(list: Uint32Array): Uint32Array {
    const grown = new Uint32Array(Math.max(4, list.length * 2));
    grown.set(list);
    this.list = grown;
    return grown;
  }

  private toBits(capacity: number): void {
    const bits = new Uint32Array((capacity + 31) >>> 5);
    const list = this.list!;
    for (let i = 0; i < this.count; i++) bits[list[i]! >>> 5]! |= 1 << (list[i]! & 31);
    this.bits = bits;
    this.list = null;
  }

  private setBit(slot: number, capacity: number): number {
    const word = slot >>> 5;
    let bits = this.bits!;
    let grew = 0;
    if (word >= bits.length) {
      const grown = new Uint32Array(Math.max(word + 1, (capacity + 31) >>> 5));
      grown.set(bits);
      grew = grown.byteLength - bits.byteLength;
      this.bits = bits = grown;
    }
    const bit = 1 << (slot & 31);
    if ((bits[word]! & bit) === 0) {
      bits[word]! |= bit;
      this.count++;
    }
    return grew;
  }
}

/**
 * The members of every set, smallest set first: a sorted list when the smallest is a list (each member tested
 * against the others), else the AND of the bitmaps. The cost follows the smallest set, not the number of slots.
 */
export function intersect(sets: SlotSet[]): { list: Uint32Array; count: number } | { bits: Uint32Array } {
  const ordered = [...new Set(sets)].sort((a, b) => a.count - b.count);
  // A list leads when there is one (the smallest): a set that grew after it became a bitmap may hold fewer
  // members than a list made later, when there were more slots.
  const leader = ordered.find((set) => set.list !== null);
  if (leader) ordered.splice(ordered.indexOf(leader), 1);
  const smallest = leader ?? ordered.shift()!;
  if (smallest.list) {
    const out = new Uint32Array(smallest.count);
    let count = 0;
    const others = ordered;
    const source = smallest.list;
    next: for (let i = 0; i < smallest.count; i++) {
      const slot = source[i]!;
      for (const other of others) if (!other.has(slot)) continue next;
      out[count++] = slot;
    }
    return { list: out, count };
  }
  const words = Math.min(smallest.bits!.length, ...ordered.map((set) => set.bits!.length));
  const bits = smallest.bits!.slice(0, words);
  for (const other of ordered) {
    const theirs = other.bits!;
    for (let word = 0; word < words; word++) bits[word]! &= theirs[word]!;
  }
  return { bits };
}
