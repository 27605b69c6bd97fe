import { describe, expect, it } from "vitest";
import { actorName, describeEvent } from "./history";

describe("describeEvent", () => {
  it("names the fields an edit changed", () => {
    const text = describeEvent(
      { action: "updated", changes: { verdict: [1, 3], rationale: ["", "Because"] } },
      (id) => ({ 1: "True", 3: "False" })[id as number] ?? "?",
    );
    expect(text).toBe("edited verdict: True → False; rationale: — → Because");
  });
  it("quotes the comment of a return", () => {
    expect(
      describeEvent({ action: "return", changes: { status: ["in_review", "returned"], comment: { body: "Check the date" } } }),
    ).toBe("returned to the reviewer: “Check the date”");
  });
  it("shows the cited URL and unknown actions readably", () => {
    expect(describeEvent({ action: "cited", changes: { url: "https://stats.example.org/t1" } })).toBe(
      "cited a source: https://stats.example.org/t1",
    );
    expect(describeEvent({ action: "some_new_thing", changes: {} })).toBe("some new thing");
  });
  it("falls back to system for events without an actor", () => {
    expect(actorName({ actor: null })).toBe("system");
  });
});

describe("the record's events", () => {
  it("says when a change sent an approved claim back to review", () => {
    const line = describeEvent({
      action: "updated",
      changes: {
        rationale: ["old", "new"],
        status: ["approved", "in_review"],
        approval_cleared: { approved_at: "2026-12-01T00:00:00Z", reviewed_by: 3 },
      },
    });
    expect(line).toBe("edited rationale: old → new — back to review, approval cleared");
  });
  it("shows an approval's override reason and a correction's note", () => {
    expect(describeEvent({ action: "approve", changes: { override_reason: "Site down; print copy." } })).toBe(
      "approved with unverified evidence: “Site down; print copy.”",
    );
    expect(describeEvent({ action: "corrected", changes: { note: "Figures revised.", changes: {} } })).toBe(
      "published a correction: “Figures revised.”",
    );
  });
});
