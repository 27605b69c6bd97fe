/**
 * W3C TextQuoteSelector / TextPositionSelector: describe a range of the article text, and
 * find a quote again. Offsets are code points, as in the API; texts are ordinary JS strings.
 *
 * Scoring is the one factcheck/claims/anchoring/match.py uses, so that both sides pick the
 * same occurrence (tests/fixtures/anchoring/match.json checks both):
 *
 *   score = (50 * quote + 20 * prefix + 20 * suffix + 0.5 * position) / 90.5
 *
 * `quote` is 1 for an exact occurrence, 1 - edits / length for an approximate one; `prefix`
 * and `suffix` are 1 - (edits + missing / 2) / context length against the text just before
 * and after (`missing`: how much of the context the text runs out of); `position` is
 * 1 - |start - hint| / text length (1 without a hint). Context decides between repeated
 * quotes; the hint only breaks ties.
 */

import { approximateMatches, levenshtein } from "./approx";
import { OffsetMap, codePoints, offsetMapFor } from "./offsets";

export const CONTEXT_LENGTH = 32;
export const MAX_ERROR_RATIO = 0.25;
export const MIN_GLOBAL_FUZZY_LENGTH = 16;
export const HINT_WINDOW = 256;
const WEIGHTS = { quote: 50, prefix: 20, suffix: 20, position: 0.5 };
const TOTAL_WEIGHT = WEIGHTS.quote + WEIGHTS.prefix + WEIGHTS.suffix + WEIGHTS.position;
const MISSING_CONTEXT_COST = 0.5;

export interface TextPositionSelector {
  type: "TextPositionSelector";
  start: number;
  end: number;
}

export interface TextQuoteSelector {
  type: "TextQuoteSelector";
  exact: string;
  prefix: string;
  suffix: string;
}

export interface Selectors {
  position: TextPositionSelector;
  quote: TextQuoteSelector;
}

export interface Quote {
  exact: string;
  prefix?: string;
  suffix?: string;
}

export interface QuoteMatch {
  /** Code-point offsets into the text; `text[start:end]` is the match. */
  start: number;
  end: number;
  /** 0..1, see the module comment. */
  score: number;
  /** "exact" when the text there is the quote, "fuzzy" for an approximate match. */
  kind: "exact" | "fuzzy";
}

/** Throws a RangeError unless 0 <= start < end <= the text's length in code points. */
export function checkRange(map: OffsetMap, start: number, end: number): void {
  const n = map.codePointLength;
  if (!Number.isInteger(start) || !Number.isInteger(end) || !(start >= 0 && start < end && end <= n)) {
    throw new RangeError(
      `range ${start}..${end} is not a non-empty span of a text of ${n} code points ` +
        `(need 0 <= start < end <= ${n})`,
    );
  }
}

/** The selectors of the code-point range [start, end) of `text`. */
export function describe(
  text: string,
  start: number,
  end: number,
  context: number = CONTEXT_LENGTH,
): Selectors {
  const map = offsetMapFor(text);
  checkRange(map, start, end);
  if (!Number.isInteger(context) || context < 0) {
    throw new RangeError(`context must be an integer >= 0, got ${context}`);
  }
  return {
    position: { type: "TextPositionSelector", start, end },
    quote: {
      type: "TextQuoteSelector",
      exact: map.slice(start, end),
      prefix: map.slice(Math.max(0, start - context), start),
      suffix: map.slice(end, end + context),
    },
  };
}

function contextScore(expected: number[], window: number[], fromEnd: boolean): number {
  if (expected.length === 0) return 1;
  const missing = expected.length - window.length;
  const compared = fromEnd ? expected.slice(missing) : expected.slice(0, window.length);
  return 1 - (levenshtein(compared, window) + MISSING_CONTEXT_COST * missing) / expected.length;
}

interface Target {
  map: OffsetMap;
  exact: string;
  exactCp: number[];
  prefixCp: number[];
  suffixCp: number[];
  hint: number | null;
}

function score(t: Target, start: number, end: number, quoteScore: number): number {
  const before = codePoints(t.map.slice(Math.max(0, start - t.prefixCp.length), start));
  const after = codePoints(t.map.slice(end, end + t.suffixCp.length));
  const distance = t.hint === null ? 0 : Math.abs(start - t.hint);
  const position = 1 - Math.min(1, distance / Math.max(1, t.map.codePointLength));
  return (
    (WEIGHTS.quote * quoteScore +
      WEIGHTS.prefix * contextScore(t.prefixCp, before, true) +
      WEIGHTS.suffix * contextScore(t.suffixCp, after, false) +
      WEIGHTS.position * position) /
    TOTAL_WEIGHT
  );
}

function findExact(t: Target): QuoteMatch | null {
  let best: QuoteMatch | null = null;
  const { text } = t.map;
  for (let at = text.indexOf(t.exact); at !== -1; at = text.indexOf(t.exact, at + 1)) {
    const start = t.map.toCodePoint(at);
    const end = start + t.exactCp.length;
    const s = score(t, start, end, 1);
    if (best === null || s > best.score) best = { start, end, score: s, kind: "exact" };
  }
  return best;
}

function bestIn(t: Target, lo: number, hi: number, budget: number): QuoteMatch | null {
  let best: QuoteMatch | null = null;
  const window = codePoints(t.map.slice(lo, Math.max(lo, hi)));
  for (const [s, e, edits] of approximateMatches(t.exactCp, window, budget)) {
    const start = lo + s;
    const end = lo + e;
    const quoteScore = 1 - edits / Math.max(t.exactCp.length, end - start);
    const total = score(t, start, end, quoteScore);
    if (best === null || total > best.score) best = { start, end, score: total, kind: "fuzzy" };
  }
  return best;
}

function findFuzzy(t: Target, maxErrorRatio: number): QuoteMatch | null {
  const m = t.exactCp.length;
  const n = t.map.codePointLength;
  const budget = Math.floor(m * maxErrorRatio);
  if (budget < 1 || n === 0) return null;
  const pad = Math.max(HINT_WINDOW, 2 * m);
  if (t.hint !== null || n <= 2 * pad + m) {
    const at = t.hint ?? 0;
    const lo = Math.max(0, at - pad);
    const hi = Math.min(n, at + m + pad);
    const found = bestIn(t, lo, hi, budget);
    if (found !== null || (lo === 0 && hi === n)) return found;
  }
  if (m < MIN_GLOBAL_FUZZY_LENGTH) return null;
  // The Python side narrows the whole-text search with rapidfuzz first; here the dynamic
  // programme runs over the whole text (a fallback, for one quote at a time).
  return bestIn(t, 0, n, budget);
}

/**
 * Where `quote.exact` is in `text` (code points), or null. Exact occurrences win, chosen by
 * context then by distance to `hint` (a code-point offset, usually the stored start); only
 * when there is none is an approximate match (within `maxErrorRatio` of the quote's length
 * in edits) tried.
 */
export function matchQuote(
  text: string,
  quote: Quote,
  hint: number | null = null,
  options: { maxErrorRatio?: number } = {},
): QuoteMatch | null {
  if (quote.exact.length === 0) throw new RangeError("cannot match an empty quote");
  const target: Target = {
    map: offsetMapFor(text),
    exact: quote.exact,
    exactCp: codePoints(quote.exact),
    prefixCp: codePoints(quote.prefix ?? ""),
    suffixCp: codePoints(quote.suffix ?? ""),
    hint,
  };
  return findExact(target) ?? findFuzzy(target, options.maxErrorRatio ?? MAX_ERROR_RATIO);
}
