/**
 * DOM ↔ article-text offsets (code points).
 *
 * THE DOM CONTRACT (what the article view must render):
 *
 *   <div class="article">                          ← the root passed in
 *     <p data-start="0">The minister <mark>said 4.2%</mark> of 👍🏽 …</p>
 *     <p data-start="57">قال الوزير …</p>
 *   </div>
 *
 * 1. Every block of article text (paragraph, heading, list item…) is an element carrying
 *    `data-start`: the code-point offset in Article.text of the block's first character.
 *    (Override with the `blockSelector` / `blockStart` options.)
 * 2. Inside a block, the text nodes in document order, concatenated, are exactly
 *    `text[start : start + n]` for the block's n code points: no extra whitespace from
 *    indentation or formatting, nothing dropped. Highlights (<mark>, <span>…) may wrap or
 *    split text nodes anywhere, nested or not, as long as they add no text — except that a
 *    surrogate pair (an emoji) must not be split between two text nodes.
 * 3. Whatever separates blocks in Article.text ("\n") is NOT rendered as text: nothing between
 *    blocks counts, and offsets jump from one block's end to the next block's data-start.
 * 4. Text inside an element marked `data-anchor-ignore` (a badge, a button, a footnote
 *    marker) is skipped. Blocks do not nest; their data-start values increase in document
 *    order. A block may be empty.
 *
 * `TextIndex` walks the root once; build a new one after re-rendering. A selection's edge
 * that falls between blocks or on an ignored element snaps inwards, to the nearest text.
 */

import { OffsetMap } from "./offsets";

export interface TextIndexOptions {
  /** Selector of the block elements (default `[data-start]`). */
  blockSelector?: string;
  /** A block's start offset in code points (default: its `data-start` attribute). */
  blockStart?: (block: Element) => number;
  /** Selector of elements whose text does not count (default `[data-anchor-ignore]`). */
  ignoreSelector?: string;
}

/** A DOM boundary point, as in Range.startContainer/startOffset. */
export interface DomPoint {
  node: Node;
  offset: number;
}

/** What rangeToOffsets reads: a Range, a StaticRange or a plain object. */
export interface RangeLike {
  startContainer: Node;
  startOffset: number;
  endContainer: Node;
  endOffset: number;
}

export interface Offsets {
  start: number;
  end: number;
}

/** `forward`: a range's start (snaps to the next text); `backward`: its end. */
export type Bias = "forward" | "backward";

interface Entry {
  index: number;
  node: Text;
  start: number;
  end: number;
  map: OffsetMap | null;
}

function dataStart(block: Element): number {
  const raw = block.getAttribute("data-start");
  const value = raw === null ? NaN : Number(raw);
  if (!Number.isInteger(value) || value < 0) {
    throw new Error(`<${block.tagName.toLowerCase()}> needs data-start as an integer >= 0, got ${raw}`);
  }
  return value;
}

export class TextIndex {
  readonly root: Element;
  private readonly entries: Entry[] = [];
  private readonly byNode = new Map<Node, Entry>();

  constructor(root: Element, options: TextIndexOptions = {}) {
    this.root = root;
    const blockStart = options.blockStart ?? dataStart;
    const ignore = options.ignoreSelector ?? "[data-anchor-ignore]";
    const doc = root.ownerDocument;
    for (const block of Array.from(root.querySelectorAll(options.blockSelector ?? "[data-start]"))) {
      let at = blockStart(block);
      const previous = this.entries[this.entries.length - 1];
      if (previous !== undefined && at < previous.end) {
        throw new Error(`block starting at ${at} overlaps the text before it (which ends at ${previous.end})`);
      }
      const walker = doc.createTreeWalker(block, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
        if (node.data.length === 0) continue;
        const skipped = node.parentElement?.closest(ignore);
        if (skipped && block.contains(skipped)) continue;
        const map = new OffsetMap(node.data);
        const end = at + map.codePointLength;
        const entry = { index: this.entries.length, node, start: at, end, map: map.isIdentity ? null : map };
        this.entries.push(entry);
        this.byNode.set(node, entry);
        at = entry.end;
      }
    }
  }

  /** Throws unless the rendered blocks hold exactly `text`'s characters at their offsets. */
  verify(text: string): void {
    const map = new OffsetMap(text);
    for (const e of this.entries) {
      if (e.end > map.codePointLength || map.slice(e.start, e.end) !== e.node.data) {
        throw new Error(
          `text node ${JSON.stringify(e.node.data.slice(0, 40))} at ${e.start}..${e.end} ` +
            `does not match the article text there`,
        );
      }
    }
  }

  /** First entry index whose predicate holds (entries are in document order). */
  private firstWhere(holds: (e: Entry) => boolean): number {
    let lo = 0;
    let hi = this.entries.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (holds(this.entries[mid])) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  /** The code-point offset of a DOM boundary point, or null if no text lies that way. */
  pointToOffset(node: Node, offset: number, bias: Bias): number | null {
    const entry = this.byNode.get(node);
    if (entry !== undefined) {
      const { index } = entry;
      // The edge of a text node: take the neighbour so a range never swallows a separator.
      if (bias === "forward" && offset >= entry.node.length) {
        return index + 1 < this.entries.length ? this.entries[index + 1].start : entry.end;
      }
      if (bias === "backward" && offset <= 0) {
        return index > 0 ? this.entries[index - 1].end : entry.start;
      }
      const cp = entry.map ? entry.map.toCodePoint(offset, bias === "forward" ? "down" : "up") : offset;
      return entry.start + cp;
    }
    // Anywhere else (an element, between blocks, an ignored node): the nearest text in
    // document order, found by binary search over the text nodes.
    const here = this.root.ownerDocument.createRange();
    try {
      here.setStart(node, offset);
    } catch {
      return null; // not a valid boundary point
    }
    const compare = (e: Entry, at: number): number => {
      try {
        return here.comparePoint(e.node, at); // -1: (e.node, at) is before the point
      } catch {
        return NaN; // another document
      }
    };
    if (bias === "forward") {
      const index = this.firstWhere((e) => compare(e, 0) >= 0);
      return index < this.entries.length ? this.entries[index].start : null;
    }
    const index = this.firstWhere((e) => compare(e, e.node.length) > 0) - 1;
    return index >= 0 ? this.entries[index].end : null;
  }

  /** The DOM point at a code-point offset; between blocks, `forward` snaps to the next text. */
  offsetToPoint(offset: number, bias: Bias): DomPoint | null {
    if (bias === "forward") {
      const index = this.firstWhere((e) => e.end > offset);
      if (index >= this.entries.length) return null;
      return this.pointIn(this.entries[index], Math.max(offset, this.entries[index].start));
    }
    const index = this.firstWhere((e) => e.start >= offset) - 1;
    if (index < 0) return null;
    return this.pointIn(this.entries[index], Math.min(offset, this.entries[index].end));
  }

  private pointIn(e: Entry, offset: number): DomPoint {
    const cp = offset - e.start;
    return { node: e.node, offset: e.map ? e.map.toUtf16(cp) : cp };
  }

  /** The code-point span of a DOM range, or null when it holds no article text. */
  rangeToOffsets(range: RangeLike): Offsets | null {
    const start = this.pointToOffset(range.startContainer, range.startOffset, "forward");
    const end = this.pointToOffset(range.endContainer, range.endOffset, "backward");
    if (start === null || end === null || start >= end) return null;
    return { start, end };
  }

  /** A DOM Range over the code-point span [start, end), or null when no text is in it. */
  offsetsToRange(start: number, end: number): Range | null {
    if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || start >= end) {
      throw new RangeError(`range ${start}..${end} is not a non-empty span (need 0 <= start < end)`);
    }
    const from = this.offsetToPoint(start, "forward");
    const to = this.offsetToPoint(end, "backward");
    if (from === null || to === null) return null;
    const range = this.root.ownerDocument.createRange();
    range.setStart(from.node, from.offset);
    range.setEnd(to.node, to.offset);
    if (range.collapsed) return null; // both ends in the same gap between blocks
    return range;
  }
}

export function rangeToOffsets(root: Element, range: RangeLike, options?: TextIndexOptions): Offsets | null {
  return new TextIndex(root, options).rangeToOffsets(range);
}

export function offsetsToRange(root: Element, start: number, end: number, options?: TextIndexOptions): Range | null {
  return new TextIndex(root, options).offsetsToRange(start, end);
}
