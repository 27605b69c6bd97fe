// The offset edge: the API counts Unicode code points, the browser's strings count UTF-16
// units. Everything inside the frontend is UTF-16; these helpers convert what comes in
// and what goes out, once, at the API boundary.
import { OffsetMap, type Rounding } from "../anchoring/offsets";
import type { Candidate, Claim } from "./types";

/** Converts between code-point and UTF-16 offsets into one text, through the anchoring
 * module's OffsetMap (O(1) for texts without astral characters, O(log k) otherwise).
 * Offsets out of the text clamp to its ends rather than throw: one bad span from the
 * server must not stop the article from rendering. */
export class OffsetIndex {
  private readonly map: OffsetMap;

  constructor(text: string) {
    this.map = new OffsetMap(text);
  }

  /** Code-point offset → UTF-16 offset. */
  toUtf16(codePoint: number): number {
    return this.map.toUtf16(Math.max(0, Math.min(codePoint, this.map.codePointLength)));
  }

  /** UTF-16 offset → code-point offset; inside a surrogate pair, `round` says which way. */
  toCodePoint(utf16: number, round: Rounding = "down"): number {
    return this.map.toCodePoint(Math.max(0, Math.min(utf16, this.map.utf16Length)), round);
  }
}

type Span = { start: number; end: number };

export function spanIn<T extends Span>(index: OffsetIndex, item: T): T {
  return { ...item, start: index.toUtf16(item.start), end: index.toUtf16(item.end) };
}

export function spanOut<T extends Span>(index: OffsetIndex, item: T): T {
  return { ...item, start: index.toCodePoint(item.start), end: index.toCodePoint(item.end, "up") };
}

export const claimIn = (index: OffsetIndex, claim: Claim): Claim => spanIn(index, claim);
export const candidateIn = (index: OffsetIndex, c: Candidate): Candidate => spanIn(index, c);

export function sentencesIn(
  index: OffsetIndex,
  sentences: [number, number, number][],
): [number, number, number][] {
  return sentences.map(([s, e, score]) => [index.toUtf16(s), index.toUtf16(e), score]);
}
