import { describe, expect, it } from "vitest";
import { windowOf } from "./Lists";

const items = Array.from({ length: 400 }, (_, i) => i);

describe("windowOf (long panel lists)", () => {
  it("shows the first rows and counts the rest", () => {
    expect(windowOf(items, 50, -1)).toEqual({ rows: items.slice(0, 50), gapAt: -1, hidden: 350 });
  });

  it("extends the head when the selection is just past it", () => {
    const w = windowOf(items, 50, 51);
    expect(w.rows.length).toBe(55);
    expect(w.gapAt).toBe(-1);
  });

  it("keeps the head and adds the selection's neighbours after a gap", () => {
    const w = windowOf(items, 50, 200);
    expect(w.rows.slice(0, 50)).toEqual(items.slice(0, 50));
    expect(w.rows.slice(50)).toEqual([197, 198, 199, 200, 201, 202, 203]);
    expect(w.gapAt).toBe(50);
    expect(w.hidden).toBe(400 - 57);
  });
});
