import { describe, expect, it } from "vitest";
import { DEFAULT_FILTERS, ageDays, keyAction, move, queueQuery } from "./queue";

describe("review queue", () => {
  it("builds the query without blank filters", () => {
    expect(queueQuery({ ...DEFAULT_FILTERS, outlet: " Daily ", verdict: "false" })).toBe(
      "/api/claims/?status=in_review&outlet=Daily&verdict=false&ordering=submitted_at&page_size=100",
    );
  });
  it("maps keys to actions, ignoring modified keys", () => {
    expect(keyAction({ key: "j", ctrlKey: false, metaKey: false, altKey: false })).toBe("next");
    expect(keyAction({ key: "r", ctrlKey: false, metaKey: false, altKey: false })).toBe("return");
    expect(keyAction({ key: "?", ctrlKey: false, metaKey: false, altKey: false })).toBe("help");
    expect(keyAction({ key: "a", ctrlKey: true, metaKey: false, altKey: false })).toBeNull();
    expect(keyAction({ key: "x", ctrlKey: false, metaKey: false, altKey: false })).toBeNull();
  });
  it("keeps the selection inside the list", () => {
    expect(move(0, -1, 3)).toBe(0);
    expect(move(2, 1, 3)).toBe(2);
    expect(move(1, 1, 3)).toBe(2);
    expect(move(5, 1, 0)).toBe(0);
  });
  it("counts whole days", () => {
    expect(ageDays("2024-01-01T00:00:00Z", Date.parse("2024-01-03T12:00:00Z"))).toBe(2);
    expect(ageDays(null)).toBeNull();
  });
});
