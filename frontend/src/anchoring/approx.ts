/**
 * Approximate string matching over code points: the same distances and the same rules for
 * picking spans as factcheck/claims/anchoring/approx.py (which computes them bit-parallel),
 * here with a plain dynamic programme (a column of pattern.length + 1 cells per text code
 * point). Arrays hold code points, so offsets are code-point offsets.
 */

export type Span = [start: number, end: number, edits: number];

function distances(pattern: number[], text: number[], anchored: boolean): Int32Array {
  const m = pattern.length;
  const out = new Int32Array(text.length);
  let column = new Int32Array(m + 1);
  let next = new Int32Array(m + 1);
  for (let i = 0; i <= m; i++) column[i] = i;
  for (let j = 0; j < text.length; j++) {
    const char = text[j];
    next[0] = anchored ? j + 1 : 0;
    for (let i = 1; i <= m; i++) {
      const substitute = column[i - 1] + (pattern[i - 1] === char ? 0 : 1);
      next[i] = Math.min(substitute, column[i] + 1, next[i - 1] + 1);
    }
    out[j] = next[m];
    [column, next] = [next, column];
  }
  return out;
}

/** `out[j]`: edits between `pattern` and the best substring of `text` ending at `j + 1`. */
export function searchDistances(pattern: number[], text: number[]): Int32Array {
  return distances(pattern, text, false);
}

/** `out[j]`: Levenshtein distance between `pattern` and `text.slice(0, j + 1)`. */
export function prefixDistances(pattern: number[], text: number[]): Int32Array {
  return distances(pattern, text, true);
}

/** Levenshtein distance between two code-point arrays. */
export function levenshtein(a: number[], b: number[]): number {
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  const all = prefixDistances(a, b);
  return all[all.length - 1];
}

/**
 * The start of the best occurrence of `pattern` ending at `end`: [start, edits]. Among
 * equally good starts, the span closest to the pattern's length, then the shorter.
 */
export function startForEnd(
  pattern: number[],
  text: number[],
  end: number,
  maxErrors: number,
): [number, number] {
  const m = pattern.length;
  const lo = Math.max(0, end - m - maxErrors);
  const backwards = text.slice(lo, end).reverse();
  const all = prefixDistances([...pattern].reverse(), backwards);
  let bestJ = -1;
  let best = m;
  for (let j = 0; j < all.length; j++) {
    const edits = all[j];
    if (edits < best || (edits === best && Math.abs(j + 1 - m) < Math.abs(bestJ + 1 - m))) {
      bestJ = j;
      best = edits;
    }
  }
  return [end - (bestJ + 1), best];
}

/**
 * Every locally best occurrence of `pattern` within `maxErrors` edits: [start, end, edits]
 * in order of their end. An end is kept when its distance is within the budget and no worse
 * than its neighbours'.
 */
export function approximateMatches(pattern: number[], text: number[], maxErrors: number): Span[] {
  if (pattern.length === 0) throw new RangeError("cannot match an empty pattern");
  const all = searchDistances(pattern, text);
  const found: Span[] = [];
  const seen = new Set<string>();
  const last = all.length - 1;
  for (let j = 0; j < all.length; j++) {
    const edits = all[j];
    if (edits > maxErrors) continue;
    if ((j > 0 && all[j - 1] < edits) || (j < last && all[j + 1] < edits)) continue;
    const [start, startEdits] = startForEnd(pattern, text, j + 1, maxErrors);
    const key = `${start}:${j + 1}`;
    if (start < j + 1 && startEdits <= maxErrors && !seen.has(key)) {
      seen.add(key);
      found.push([start, j + 1, startEdits]);
    }
  }
  return found;
}
