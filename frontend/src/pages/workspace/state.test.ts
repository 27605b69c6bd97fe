import { describe, expect, it, vi } from "vitest";
import type { Article, Candidate, Claim } from "../../api/types";
import { createStore } from "../../store";
import { moveCandidate, pickVerdict, pollDelay, select } from "./actions";
import { articleState, bucketSelector, createWorkspaceStore, highlightsOf, isDirty, openCandidates } from "./state";

const TEXT = "Alpha said “we grew 5%”.\nBeta rose 12 points.";

function cand(id: number, start: number, end: number, score: number, kind: Candidate["kind"] = "number"): Candidate {
  return { id, kind, start, end, text: TEXT.slice(start, end), data: {}, score, status: "open", claim: null };
}

function claim(id: number, start: number, end: number): Claim {
  return {
    id, article: 1, start, end, exact: TEXT.slice(start, end), prefix: "", suffix: "",
    anchor_status: "anchored", statement: "", claimant: "", claim_date: null, status: "draft",
    verdict: null, rationale: "", version: 1, citations_count: 0, created_by: null, updated_at: "",
  };
}

function loaded() {
  const store = createWorkspaceStore();
  store.set({
    ...articleState({ id: 1, text: TEXT } as Article, []),
    candidates: [cand(1, 20, 22, 0.4), cand(2, 35, 37, 0.9), cand(3, 11, 23, 0.6, "quote")],
    claims: [claim(10, 0, 5)],
    labels: [
      { id: 7, name: "True", slug: "true", order: 1, colour: "#1a7f37", description: "", rating_value: 6, active: true },
      { id: 8, name: "False", slug: "false", order: 2, colour: "#cf222e", description: "", rating_value: 2, active: true },
    ],
  });
  return store;
}

describe("store", () => {
  it("notifies subscribers with the new state", () => {
    const store = createStore({ n: 1, m: 2 });
    const seen = vi.fn();
    store.subscribe(seen);
    store.set((s) => ({ n: s.n + 1 }));
    expect(seen).toHaveBeenCalledWith({ n: 2, m: 2 });
  });
});

describe("workspace state", () => {
  it("orders open candidates by score or position", () => {
    const store = loaded();
    expect(openCandidates(store.get()).map((c) => c.id)).toEqual([2, 3, 1]);
    store.set({ candidateOrder: "position" });
    expect(openCandidates(store.get()).map((c) => c.id)).toEqual([3, 1, 2]);
  });

  it("moves between candidates with j/k in the panel's order", () => {
    const store = loaded();
    moveCandidate(store, 1);
    expect(store.get().selected).toBe("cand:2");
    moveCandidate(store, 1);
    expect(store.get().selected).toBe("cand:3");
    moveCandidate(store, -1);
    expect(store.get().selected).toBe("cand:2");
  });

  it("colours a claim by its draft verdict at once, and marks it unsaved", () => {
    const store = loaded();
    pickVerdict(store, 10, 8);
    const h = highlightsOf(store.get()).find((x) => x.key === "claim:10")!;
    expect(h.colour).toBe("#cf222e");
    expect(h.badge).toBe("F");
    expect(isDirty(store.get(), store.get().claims[0])).toBe(true);
  });

  it("re-buckets only the paragraph whose highlights changed", () => {
    const store = loaded();
    const buckets = bucketSelector();
    const before = buckets(store.get());
    expect(buckets(store.get())).toBe(before);
    select(store, "cand:2"); // in the second paragraph
    const after = buckets(store.get());
    expect(after[0]).toBe(before[0]);
    expect(after[1]).not.toBe(before[1]);
  });

  it("hides decided candidates", () => {
    const store = loaded();
    store.set((s) => ({ candidates: s.candidates.map((c) => (c.id === 2 ? { ...c, status: "dismissed" as const } : c)) }));
    expect(highlightsOf(store.get()).map((h) => h.key)).not.toContain("cand:2");
  });
});

describe("provisional claims", () => {
  it("keep a verdict picked before the server answered", async () => {
    const store = loaded();
    const fetchMock = vi.fn(async () => new Response(JSON.stringify({ ...claim(11, 35, 37) }), { status: 201 }));
    vi.stubGlobal("fetch", fetchMock);
    const { makeClaim } = await import("./actions");
    const pending = makeClaim(store, 35, 37);
    const temp = store.get().claims.find((c) => c.id < 0)!;
    pickVerdict(store, temp.id, 8);
    await pending;
    vi.unstubAllGlobals();
    expect(store.get().selected).toBe("claim:11");
    expect(store.get().drafts[11]?.verdict).toBe(8);
    expect(store.get().drafts[temp.id]).toBeUndefined();
  });
});

describe("conflicts", () => {
  it("keep theirs: their saved claim replaces mine and my draft is dropped", async () => {
    const store = loaded();
    const { editDraft, resolveConflict } = await import("./actions");
    editDraft(store, 10, { claimant: "Mine" });
    const theirs = { ...claim(10, 0, 5), version: 2, rationale: "Theirs" };
    store.set({
      conflict: {
        claimId: 10,
        base: { statement: "", claimant: "", claim_date: null, verdict: null, rationale: "" },
        mine: store.get().drafts[10],
        theirs,
      },
    });
    await resolveConflict(store, "theirs");
    expect(store.get().conflict).toBeNull();
    expect(store.get().claims.find((c) => c.id === 10)).toEqual(theirs);
    expect(store.get().drafts[10]).toBeUndefined();
  });
});

describe("pollDelay", () => {
  it("polls fast right after an import, then backs off to once a second", () => {
    expect(pollDelay(0)).toBe(100);
    expect(pollDelay(19)).toBe(100);
    expect(pollDelay(20)).toBe(300);
    expect(pollDelay(1000)).toBe(1000);
  });
});
