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
