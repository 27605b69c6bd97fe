/** Anchoring in the browser: code points ↔ UTF-16, DOM ↔ offsets, W3C quote selectors. */
export { OffsetMap, codePointLength, codePointToUtf16, codePoints, offsetMapFor, utf16ToCodePoint } from "./offsets";
export type { Rounding } from "./offsets";
export { CONTEXT_LENGTH, checkRange, describe, matchQuote } from "./quote";
export type { Quote, QuoteMatch, Selectors, TextPositionSelector, TextQuoteSelector } from "./quote";
export { TextIndex, offsetsToRange, rangeToOffsets } from "./text-position";
export type { Bias, DomPoint, Offsets, RangeLike, TextIndexOptions } from "./text-position";
