/**
 * UTF-16 code units (the browser: String indices, DOM offsets, Selection) ↔ Unicode code
 * points (the API and Python: Article.text offsets, W3C selectors).
 *
 * The two differ only at astral characters (U+10000 and above: most emoji, 𝒳), which are one
 * code point but two UTF-16 units (a surrogate pair). Combining marks, Arabic, Hebrew etc. are
 * in the BMP: one unit = one code point. A lone surrogate counts as one code point, as in
 * Python.
 *
 * `OffsetMap` indexes a text's astral characters once, then converts in O(log k) (k = number
 * of astral characters; O(1) when there are none).
 */

export type Rounding = "down" | "up";

function isHigh(unit: number): boolean {
  return unit >= 0xd800 && unit <= 0xdbff;
}

function isLow(unit: number): boolean {
  return unit >= 0xdc00 && unit <= 0xdfff;
}

/** Number of entries of the sorted `values` that are <= `limit`. */
function countAtMost(values: Int32Array, limit: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (values[mid] <= limit) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function checkIndex(name: string, value: number, max: number): void {
  if (!Number.isInteger(value) || value < 0 || value > max) {
    throw new RangeError(`${name} ${value} is not an integer in 0..${max}`);
  }
}

export class OffsetMap {
  readonly text: string;
  readonly utf16Length: number;
  readonly codePointLength: number;
  /** UTF-16 index of each astral character's first (high) surrogate, ascending. */
  private readonly astralUtf16: Int32Array;
  /** Code-point index of each astral character, ascending. */
  private readonly astralCodePoint: Int32Array;

  constructor(text: string) {
    this.text = text;
    this.utf16Length = text.length;
    const found: number[] = [];
    for (let i = 0; i < text.length - 1; i++) {
      if (isHigh(text.charCodeAt(i)) && isLow(text.charCodeAt(i + 1))) {
        found.push(i);
        i++;
      }
    }
    this.astralUtf16 = Int32Array.from(found);
    this.astralCodePoint = Int32Array.from(found, (u, k) => u - k);
    this.codePointLength = text.length - found.length;
  }

  /** True when UTF-16 and code-point offsets are the same everywhere in this text. */
  get isIdentity(): boolean {
    return this.astralUtf16.length === 0;
  }

  /**
   * The code-point offset of UTF-16 offset `utf16`. An offset between the two halves of a
   * surrogate pair rounds `down` (to the character's start: use for a range's start) or `up`
   * (past it: use for a range's end).
   */
  toCodePoint(utf16: number, round: Rounding = "down"): number {
    checkIndex("UTF-16 offset", utf16, this.utf16Length);
    if (this.isIdentity) return utf16;
    const before = countAtMost(this.astralUtf16, utf16 - 2); // pairs wholly before utf16
    const inside = before < this.astralUtf16.length && this.astralUtf16[before] === utf16 - 1;
    if (inside) return round === "down" ? utf16 - 1 - before : utf16 - before;
    return utf16 - before;
  }

  /** The UTF-16 offset of code-point offset `codePoint`. */
  toUtf16(codePoint: number): number {
    checkIndex("code-point offset", codePoint, this.codePointLength);
    if (this.isIdentity) return codePoint;
    return codePoint + countAtMost(this.astralCodePoint, codePoint - 1);
  }

  /** `text` sliced by code-point offsets (end exclusive, clamped to the text). */
  slice(start: number, end: number = this.codePointLength): string {
    const clamp = (cp: number) => Math.min(Math.max(cp, 0), this.codePointLength);
    return this.text.slice(this.toUtf16(clamp(start)), this.toUtf16(clamp(end)));
  }
}

let lastMap: OffsetMap | null = null;

/** The OffsetMap of `text`, reused while the same text is asked about again. */
export function offsetMapFor(text: string): OffsetMap {
  if (lastMap === null || lastMap.text !== text) lastMap = new OffsetMap(text);
  return lastMap;
}

export function utf16ToCodePoint(text: string, utf16: number, round: Rounding = "down"): number {
  return offsetMapFor(text).toCodePoint(utf16, round);
}

export function codePointToUtf16(text: string, codePoint: number): number {
  return offsetMapFor(text).toUtf16(codePoint);
}

export function codePointLength(text: string): number {
  return offsetMapFor(text).codePointLength;
}

/** The code points of `text` as numbers (for edit distances that count code points). */
export function codePoints(text: string): number[] {
  const out: number[] = [];
  for (const char of text) out.push(char.codePointAt(0)!);
  return out;
}
