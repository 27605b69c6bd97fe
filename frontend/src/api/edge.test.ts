import { describe, expect, it } from "vitest";
import { OffsetIndex, spanIn, spanOut } from "./edge";

describe("OffsetIndex", () => {
  it("is the identity without astral characters", () => {
    const index = new OffsetIndex("héllo wörld");
    expect(index.toUtf16(5)).toBe(5);
    expect(index.toCodePoint(5)).toBe(5);
  });

  it("converts around emoji (astral characters)", () => {
    const text = "a😀b👍🏽c";
    // code points: a 😀 b 👍 🏽 c  → 6; UTF-16 units: 1+2+1+2+2+1 = 9
    const index = new OffsetIndex(text);
    const points = [...text];
    for (let cp = 0; cp <= points.length; cp++) {
      const utf16 = points.slice(0, cp).join("").length;
      expect(index.toUtf16(cp)).toBe(utf16);
      expect(index.toCodePoint(utf16)).toBe(cp);
    }
  });

  it("rounds an offset inside a surrogate pair down for a start, up for an end", () => {
    const index = new OffsetIndex("x😀y");
    expect(index.toCodePoint(2)).toBe(1);
    expect(spanOut(index, { start: 2, end: 2 })).toEqual({ start: 1, end: 2 });
  });

  it("clamps spans past the text instead of failing", () => {
    const index = new OffsetIndex("ab😀");
    expect(index.toUtf16(99)).toBe(4);
  });

  it("round-trips a claim's span at the edge", () => {
    const text = "🎉 Party: “we won 3–1” 🎉 said Ana.";
    const index = new OffsetIndex(text);
    const quoteStart = text.indexOf("“");
    const quoteEnd = text.indexOf("”") + 1;
    const wire = spanOut(index, { start: quoteStart, end: quoteEnd });
    expect([...text].slice(wire.start, wire.end).join("")).toBe("“we won 3–1”");
    expect(spanIn(index, wire)).toEqual({ start: quoteStart, end: quoteEnd });
  });
});
