// The offset edge: the API counts Unicode code points, the browser's strings count UTF-16
// units. Everything inside the frontend is UTF-16; these helpers convert what comes in
// and what goes out, once, at the API boundary.
import type { Candidate, Claim } from "./types";

/** Converts between code-point and UTF-16 offsets into one text. Texts without astral
 * characters (the common case) convert by identity; otherwise a sorted list of the
 * astral characters' positions answers each conversion in O(log n). */
export class OffsetIndex {
  /** UTF-16 index of each astral character (the high surrogate), ascending. */
  private readonly astral: number[] = [];

  constructor(text: string) {
    for (let i = 0; i < text.length; i++) {
      const unit = text.charCodeAt(i);
      if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
        const next = text.charCodeAt(i + 1);
        if (next >= 0xdc00 && next <= 0xdfff) {
          this.astral.push(i);
          i++;
        }
      }
    }
  }

  /** Code-point offset → UTF-16 offset. */
  toUtf16(codePoint: number): number {
    // The k-th astral char sits at UTF-16 index u, code point u - k; an offset past it
    // gains one unit per astral char before it.
    let lo = 0;
    let hi = this.astral.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.astral[mid] - mid < codePoint) lo = mid + 1;
      else hi = mid;
    }
    return codePoint + lo;
  }

  /** UTF-16 offset → code-point offset (an offset inside a pair rounds down). */
  toCodePoint(utf16: number): number {
    let lo = 0;
    let hi = this.astral.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.astral[mid] < utf16) lo = mid + 1;
      else hi = mid;
    }
    // Each astral char wholly or half before utf16 counts one code point for two units,
    // so an offset inside a pair rounds down to the pair's start.
    return utf16 - lo;
  }
}

type Span = { start: number; end: number };

export function spanIn<T extends Span>(index: OffsetIndex, item: T): T {
  return { ...item, start: index.toUtf16(item.start), end: index.toUtf16(item.end) };
}

export function spanOut<T extends Span>(index: OffsetIndex, item: T): T {
  return { ...item, start: index.toCodePoint(item.start), end: index.toCodePoint(item.end) };
}

export const claimIn = (index: OffsetIndex, claim: Claim): Claim => spanIn(index, claim);
export const candidateIn = (index: OffsetIndex, c: Candidate): Candidate => spanIn(index, c);

export function sentencesIn(
  index: OffsetIndex,
  sentences: [number, number, number][],
): [number, number, number][] {
  return sentences.map(([s, e, score]) => [index.toUtf16(s), index.toUtf16(e), score]);
}
