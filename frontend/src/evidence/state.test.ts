import { describe, expect, it } from "vitest";
import type { Capture } from "../api/types";
import { anyPending, evidenceState } from "./state";

const capture = (over: Partial<Capture>): Capture => ({
  status: "captured",
  error: "",
  sha256: "ab".repeat(32),
  content_type: "text/html",
  final_url: "https://stats.example.org/t",
  http_status: 200,
  fetched_at: "2026-12-07T10:00:00Z",
  excerpt_found: true,
  excerpt_score: 100,
  archive_url: "",
  view_url: "/captures/abab/",
  ...over,
});

describe("evidenceState", () => {
  it("has nothing to capture without a URL", () => {
    const state = evidenceState({ url: "", excerpt: "x", capture: null });
    expect([state.kind, state.blocks]).toEqual(["no_page", false]);
  });
  it("is pending while the worker fetches", () => {
    const state = evidenceState({ url: "https://a.org", excerpt: "x", capture: capture({ status: "pending" }) });
    expect([state.kind, state.blocks]).toEqual(["pending", true]);
  });
  it("says why a capture failed", () => {
    const state = evidenceState({
      url: "https://a.org",
      excerpt: "x",
      capture: capture({ status: "failed", error: "https://a.org answered HTTP 404." }),
    });
    expect(state).toMatchObject({ kind: "failed", blocks: true, detail: "https://a.org answered HTTP 404." });
  });
  it("flags an excerpt that is not on the page", () => {
    const state = evidenceState({ url: "https://a.org", excerpt: "x", capture: capture({ excerpt_found: false }) });
    expect(state.kind).toBe("not_found");
    expect(state.detail).toContain("2026-12-07");
    expect(state.blocks).toBe(true);
  });
  it("is verified when captured and found, or captured with no excerpt to check", () => {
    expect(evidenceState({ url: "https://a.org", excerpt: "x", capture: capture({}) }).kind).toBe("verified");
    const noExcerpt = evidenceState({ url: "https://a.org", excerpt: " ", capture: capture({ excerpt_found: null }) });
    expect([noExcerpt.kind, noExcerpt.blocks]).toEqual(["verified", false]);
  });
  it("knows when to keep polling", () => {
    const done = { url: "https://a.org", excerpt: "x", capture: capture({}) };
    const pending = { url: "https://a.org", excerpt: "x", capture: capture({ status: "pending" }) };
    expect(anyPending([done])).toBe(false);
    expect(anyPending([done, pending])).toBe(true);
  });
});
