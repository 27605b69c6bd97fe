import { afterEach, describe, expect, it, vi } from "vitest";
import { scoreText, suggestionsFor } from "./factchecks";

describe("fact-check API helpers", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("reads a score as a percentage", () => {
    expect(scoreText(0.987)).toBe("99% match");
    expect(scoreText(0)).toBe("0% match");
  });

  it("asks for suggestions of a claim or a candidate", async () => {
    const calls: string[] = [];
    vi.stubGlobal(
      "fetch",
      vi.fn(async (url: string) => {
        calls.push(url);
        return new Response(JSON.stringify({ text: "x", matches: [] }), { status: 200 });
      }),
    );
    await suggestionsFor({ claim: 7 }, 3);
    await suggestionsFor({ candidate: 9 });
    expect(calls).toEqual([
      "/api/fact-checks/suggestions/?top=3&claim=7",
      "/api/fact-checks/suggestions/?top=5&candidate=9",
    ]);
  });
});
