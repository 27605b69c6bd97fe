// Selections in the text: the DOM side is the anchoring module's (text-position.ts, whose
// contract ArticleText renders to); this keeps the small text-side helpers.

/** Trim whitespace at both ends of [start, end) of `text`. */
export function trimSpan(text: string, start: number, end: number): { start: number; end: number } {
  while (start < end && /\s/.test(text[start])) start++;
  while (end > start && /\s/.test(text[end - 1])) end--;
  return { start, end };
}
