// Paragraphs and highlight segments: pure functions, all offsets UTF-16 into the article.
//
// The article text is split into paragraphs at "\n" once. Each highlight (a claim or an
// open candidate) is bucketed into the paragraphs it touches; a paragraph's text is split
// at its highlights' boundaries into segments, each listing the highlights covering it.
// A paragraph's bucket keeps its array identity while its highlights are unchanged, so
// the memoised paragraph components skip re-rendering.

export interface Paragraph {
  index: number;
  /** The paragraph's first character as a code-point offset (the DOM's data-start). */
  cpStart: number;
  start: number;
  end: number;
  text: string;
}

export type HighlightKind = "claim" | "number" | "quote" | "attribution";

export interface Highlight {
  /** "claim:12" or "cand:34": the id the view's delegated handlers resolve. */
  key: string;
  kind: HighlightKind;
  start: number;
  end: number;
  /** For claims: the verdict's slug ("" when none yet). */
  verdict: string;
  /** For claims: a short non-colour cue for the verdict (e.g. "F"). */
  badge: string;
  /** For claims: the verdict's colour ("" when none yet). */
  colour: string;
  selected: boolean;
}

export interface Segment {
  start: number;
  end: number;
  marks: Highlight[];
}

export function splitParagraphs(
  text: string,
  toCodePoint: (utf16: number) => number = (u) => u,
): Paragraph[] {
  const paragraphs: Paragraph[] = [];
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf("\n", start);
    if (end === -1) end = text.length;
    const chunk = text.slice(start, end);
    if (chunk.trim()) paragraphs.push({ index: paragraphs.length, cpStart: toCodePoint(start), start, end, text: chunk });
    start = end + 1;
  }
  return paragraphs;
}

/** The index of the paragraph containing `offset`, or of the next one after it. */
export function paragraphAt(paragraphs: Paragraph[], offset: number): number {
  let lo = 0;
  let hi = paragraphs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (paragraphs[mid].end <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function signature(h: Highlight): string {
  return `${h.key}/${h.start}/${h.end}/${h.verdict}/${h.colour}/${h.selected ? 1 : 0}`;
}

/** Per-paragraph highlight buckets; buckets equal to `previous` keep its arrays. */
export function bucketHighlights(
  paragraphs: Paragraph[],
  highlights: Highlight[],
  previous?: Highlight[][],
): Highlight[][] {
  const buckets: Highlight[][] = paragraphs.map(() => []);
  for (const h of highlights) {
    for (let i = paragraphAt(paragraphs, h.start); i < paragraphs.length; i++) {
      if (paragraphs[i].start >= h.end) break;
      buckets[i].push(h);
    }
  }
  const byStart = (a: Highlight, b: Highlight) => a.start - b.start || b.end - a.end;
  return buckets.map((bucket, i) => {
    bucket.sort(byStart);
    const old = previous?.[i];
    if (old && old.length === bucket.length && old.every((h, j) => signature(h) === signature(bucket[j])))
      return old;
    return bucket;
  });
}

/** Split [para.start, para.end) at the highlights' boundaries. */
export function segmentParagraph(para: Paragraph, highlights: Highlight[]): Segment[] {
  const cuts = new Set<number>([para.start, para.end]);
  for (const h of highlights) {
    if (h.start > para.start && h.start < para.end) cuts.add(h.start);
    if (h.end > para.start && h.end < para.end) cuts.add(h.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const segments: Segment[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const start = points[i];
    const end = points[i + 1];
    const marks = highlights.filter((h) => h.start < end && h.end > start);
    segments.push({ start, end, marks });
  }
  return segments;
}
