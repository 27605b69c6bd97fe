import { describe, expect, test } from "vitest";
import fixture from "../../../tests/fixtures/anchoring/offsets.json";
import {
  OffsetMap,
  codePointLength,
  codePointToUtf16,
  codePoints,
  offsetMapFor,
  utf16ToCodePoint,
} from "./offsets";

describe("offsets.json (shared with the Python tests)", () => {
  for (const c of fixture.cases) {
    test(c.name, () => {
      const map = new OffsetMap(c.text);
      expect(map.utf16Length).toBe(c.utf16Length);
      expect(map.codePointLength).toBe(c.codePointLength);
      expect(codePointLength(c.text)).toBe(c.codePointLength);
      for (const [utf16, cp] of c.pairs) {
        expect(map.toCodePoint(utf16)).toBe(cp);
        expect(map.toCodePoint(utf16, "up")).toBe(cp);
        expect(map.toUtf16(cp)).toBe(utf16);
        expect(utf16ToCodePoint(c.text, utf16)).toBe(cp);
        expect(codePointToUtf16(c.text, cp)).toBe(utf16);
      }
      for (const inside of c.insideSurrogatePair) {
        expect(map.toCodePoint(inside.utf16, "down")).toBe(inside.down);
        expect(map.toCodePoint(inside.utf16, "up")).toBe(inside.up);
      }
      expect(map.isIdentity).toBe(c.utf16Length === c.codePointLength);
    });
  }
});

describe("OffsetMap", () => {
  test("rejects offsets outside the text", () => {
    const map = new OffsetMap("a👍🏽b");
    expect(() => map.toCodePoint(-1)).toThrow(RangeError);
    expect(() => map.toCodePoint(7)).toThrow(/UTF-16 offset 7 is not an integer in 0..6/);
    expect(() => map.toUtf16(5)).toThrow(/code-point offset 5 is not an integer in 0..4/);
    expect(() => map.toUtf16(1.5)).toThrow(RangeError);
  });

  test("slices by code points", () => {
    const map = new OffsetMap("x𝒳y👍🏽z");
    expect(map.slice(1, 2)).toBe("𝒳");
    expect(map.slice(3, 5)).toBe("👍🏽");
    expect(map.slice(-3, 99)).toBe("x𝒳y👍🏽z");
  });

  test("a lone surrogate is one code point, as in Python", () => {
    const text = "a\ud83db\udc4d";
    const map = new OffsetMap(text);
    expect(map.codePointLength).toBe(4);
    expect(map.toCodePoint(3)).toBe(3);
    expect(codePoints(text)).toHaveLength(4);
  });

  test("round-trips every offset of a long text with many astral characters", () => {
    const parts: string[] = [];
    for (let i = 0; i < 20000; i++) parts.push(i % 7 === 0 ? "👍🏽" : i % 11 === 0 ? "𝒳" : "word ");
    const text = parts.join("");
    const map = new OffsetMap(text);
    const reference = Array.from(text);
    expect(map.codePointLength).toBe(reference.length);
    const expectedUtf16: number[] = [];
    let utf16 = 0;
    for (let cp = 0; cp <= reference.length; cp++) {
      expectedUtf16.push(utf16);
      if (cp < reference.length) utf16 += reference[cp].length;
    }
    const started = performance.now();
    const toUtf16 = expectedUtf16.map((_, cp) => map.toUtf16(cp));
    const back = expectedUtf16.map((u) => map.toCodePoint(u));
    const elapsed = performance.now() - started;
    expect(toUtf16).toEqual(expectedUtf16);
    expect(back).toEqual(expectedUtf16.map((_, cp) => cp));
    expect(elapsed).toBeLessThan(500); // ~200,000 conversions
  });

  test("offsetMapFor reuses the map of the same text", () => {
    const text = "same 👍 text";
    expect(offsetMapFor(text)).toBe(offsetMapFor(text));
    expect(offsetMapFor("other")).not.toBe(offsetMapFor(text));
  });
});
