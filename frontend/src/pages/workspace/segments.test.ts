import { describe, expect, it } from "vitest";
import { bucketHighlights, type Highlight, paragraphAt, segmentParagraph, splitParagraphs } from "./segments";

function h(key: string, start: number, end: number, extra: Partial<Highlight> = {}): Highlight {
  return { key, kind: "claim", start, end, verdict: "", badge: "", colour: "", selected: false, ...extra };
}

describe("splitParagraphs", () => {
  it("splits at newlines, keeps offsets, skips blank lines", () => {
    const text = "One two.\n\nThree four.\nFive.";
    const paras = splitParagraphs(text);
    expect(paras.map((p) => p.text)).toEqual(["One two.", "Three four.", "Five."]);
    for (const p of paras) expect(text.slice(p.start, p.end)).toBe(p.text);
  });

  it("finds the paragraph of an offset", () => {
    const paras = splitParagraphs("aa\nbb\ncc");
    expect(paragraphAt(paras, 0)).toBe(0);
    expect(paragraphAt(paras, 4)).toBe(1);
    expect(paragraphAt(paras, 2)).toBe(1); // the newline belongs to no paragraph: the next
  });
});

describe("segmentParagraph", () => {
  const para = { index: 0, cpStart: 10, start: 10, end: 30, text: "x".repeat(20) };

  it("returns one plain segment without highlights", () => {
    expect(segmentParagraph(para, [])).toEqual([{ start: 10, end: 30, marks: [] }]);
  });

  it("splits overlapping highlights at every boundary", () => {
    const a = h("claim:1", 12, 20);
    const b = h("cand:2", 15, 25, { kind: "quote" });
    const segs = segmentParagraph(para, [a, b]);
    expect(segs.map((s) => [s.start, s.end, s.marks.map((m) => m.key)])).toEqual([
      [10, 12, []],
      [12, 15, ["claim:1"]],
      [15, 20, ["claim:1", "cand:2"]],
      [20, 25, ["cand:2"]],
      [25, 30, []],
    ]);
  });

  it("clips a highlight that spans paragraphs", () => {
    const segs = segmentParagraph(para, [h("claim:1", 0, 14), h("claim:2", 28, 50)]);
    expect(segs.map((s) => [s.start, s.end, s.marks.length])).toEqual([
      [10, 14, 1],
      [14, 28, 0],
      [28, 30, 1],
    ]);
  });
});

describe("bucketHighlights", () => {
  const paras = splitParagraphs("first para\nsecond para\nthird para");

  it("puts a cross-paragraph highlight in every paragraph it touches", () => {
    const buckets = bucketHighlights(paras, [h("claim:1", 6, 18)]);
    expect(buckets.map((b) => b.length)).toEqual([1, 1, 0]);
  });

  it("keeps unchanged buckets' identity so their paragraphs skip re-rendering", () => {
    const first = bucketHighlights(paras, [h("claim:1", 0, 5), h("cand:2", 12, 18)]);
    const second = bucketHighlights(
      paras,
      [h("claim:1", 0, 5), h("cand:2", 12, 18, { selected: true })],
      first,
    );
    expect(second[0]).toBe(first[0]);
    expect(second[1]).not.toBe(first[1]);
    expect(second[2]).toBe(first[2]);
  });
});
