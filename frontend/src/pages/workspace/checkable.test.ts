import { describe, expect, it } from "vitest";
import type { Candidate } from "../../api/types";
import { createWorkspaceStore, highlightsOf, openCandidates, shownCandidates } from "./state";

const cand = (id: number, checkable: number | undefined, status: Candidate["status"] = "open"): Candidate => ({
  id,
  kind: "number",
  start: id * 10,
  end: id * 10 + 4,
  text: "",
  data: {},
  score: 0.5,
  checkable,
  status,
  claim: null,
});

describe("candidates below the checkable threshold", () => {
  const candidates = [cand(1, 0.9), cand(2, 0.1), cand(3, undefined), cand(4, 0.2, "dismissed")];

  it("are left out of the list and the text by default, and counted", () => {
    const state = { ...createWorkspaceStore().get(), candidates };
    expect(openCandidates(state).map((c) => c.id)).toEqual([1, 3]);
    expect(shownCandidates(state).hidden).toBe(1);
    expect(highlightsOf(state).map((h) => h.key)).toEqual(["cand:1", "cand:3"]);
  });

  it("are shown on demand, never dropped", () => {
    const state = { ...createWorkspaceStore().get(), candidates, showAllCandidates: true };
    expect(openCandidates(state).map((c) => c.id).sort()).toEqual([1, 2, 3]);
    expect(shownCandidates(state).hidden).toBe(0);
    expect(highlightsOf(state).map((h) => h.key)).toContain("cand:2");
  });
});
