import { describe as group, expect, test } from "vitest";
import describeFixture from "../../../tests/fixtures/anchoring/describe.json";
import matchFixture from "../../../tests/fixtures/anchoring/match.json";
import { approximateMatches, levenshtein, prefixDistances, searchDistances } from "./approx";
import { codePoints } from "./offsets";
import { describe, matchQuote } from "./quote";

group("describe.json (shared with the Python tests)", () => {
  for (const c of describeFixture.cases) {
    test(c.name, () => {
      const got = "context" in c ? describe(c.text, c.start, c.end, c.context) : describe(c.text, c.start, c.end);
      expect(got.position).toEqual({ type: "TextPositionSelector", start: c.start, end: c.end });
      expect(got.quote).toEqual({ type: "TextQuoteSelector", ...c.expected });
    });
  }
  for (const c of describeFixture.errors) {
    test(`error: ${c.name}`, () => {
      expect(() => describe(c.text, c.start, c.end)).toThrow(/is not a non-empty span/);
    });
  }
  test("bad context", () => {
    expect(() => describe("abc", 0, 1, -1)).toThrow(/context must be an integer >= 0/);
  });
});

group("match.json (shared with the Python tests)", () => {
  for (const c of matchFixture.cases) {
    test(c.name, () => {
      const got = matchQuote(c.text, { exact: c.exact, prefix: c.prefix, suffix: c.suffix }, c.hint);
      if (c.expected === null) {
        expect(got).toBeNull();
        return;
      }
      expect(got).not.toBeNull();
      expect({ start: got!.start, end: got!.end, kind: got!.kind }).toEqual(c.expected);
      expect(got!.score).toBeGreaterThan(0);
      expect(got!.score).toBeLessThanOrEqual(1);
    });
  }
});

group("matchQuote", () => {
  test("an empty quote is an error", () => {
    expect(() => matchQuote("text", { exact: "" })).toThrow(RangeError);
  });

  test("a perfect match at the hint scores 1", () => {
    const got = matchQuote("alpha beta gamma", { exact: "beta", prefix: "alpha ", suffix: " gamma" }, 6);
    expect(got).toEqual({ start: 6, end: 10, score: 1, kind: "exact" });
  });

  test("context outweighs the hint; the hint breaks ties", () => {
    const text = "x said A. y said A. z said A.";
    expect(matchQuote(text, { exact: "A", prefix: "y said " }, text.length)!.start).toBe(17);
    expect(matchQuote(text, { exact: "A" }, text.length)!.start).toBe(27);
    expect(matchQuote(text, { exact: "A" }, 0)!.start).toBe(7);
  });

  test("whole-text approximate search far from the hint", () => {
    const filler = "lorem ipsum dolor sit amet ".repeat(200);
    const text = `${filler}the committee approved the budget of 4.1 billion on Tuesday${filler}`;
    const got = matchQuote(text, { exact: "the committee approved the budget of 4.2 billion" }, 10);
    expect(got?.kind).toBe("fuzzy");
    expect(Array.from(text).slice(got!.start, got!.end).join("")).toBe(
      "the committee approved the budget of 4.1 billion",
    );
  });

  test("offsets are code points after astral characters", () => {
    const text = "👍🏽👍🏽 𝒳 the claim";
    const got = matchQuote(text, { exact: "the claim" });
    expect(got).toMatchObject({ start: 7, end: 16, kind: "exact" });
  });
});

group("approximate matching", () => {
  const cp = codePoints;
  function textbook(pattern: number[], text: number[], freeStart: boolean): number[] {
    let row = Array.from({ length: pattern.length + 1 }, (_, i) => i);
    const out: number[] = [];
    text.forEach((char, j) => {
      const next = [freeStart ? 0 : j + 1];
      for (let i = 1; i <= pattern.length; i++) {
        next.push(Math.min(row[i] + 1, next[i - 1] + 1, row[i - 1] + (pattern[i - 1] === char ? 0 : 1)));
      }
      out.push(next[pattern.length]);
      row = next;
    });
    return out;
  }

  test("distances agree with the textbook programme", () => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const alphabet = ["a", "b", "c", "👍", "\u0301"];
    const word = (n: number) => Array.from({ length: n }, () => alphabet[Math.floor(random() * alphabet.length)]).join("");
    for (let k = 0; k < 300; k++) {
      const pattern = cp(word(1 + Math.floor(random() * 10)));
      const text = cp(word(Math.floor(random() * 25)));
      expect(Array.from(searchDistances(pattern, text))).toEqual(textbook(pattern, text, true));
      expect(Array.from(prefixDistances(pattern, text))).toEqual(textbook(pattern, text, false));
    }
  });

  test("levenshtein", () => {
    expect(levenshtein(cp("kitten"), cp("sitting"))).toBe(3);
    expect(levenshtein(cp(""), cp("abc"))).toBe(3);
    expect(levenshtein(cp("👍🏽"), cp("👍"))).toBe(1);
  });

  test("spans: within budget, closest to the pattern's length", () => {
    expect(approximateMatches(cp("abcd"), cp("xx abcd yy"), 1)).toContainEqual([3, 7, 0]);
    expect(approximateMatches(cp("abcd"), cp("abXd"), 1)).toEqual([[0, 4, 1]]);
    expect(() => approximateMatches([], cp("abc"), 1)).toThrow(RangeError);
  });
});
