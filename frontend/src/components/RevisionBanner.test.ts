import { describe, expect, it } from "vitest";
import { changeSummary } from "./RevisionBanner";

describe("changeSummary", () => {
  it("names what changed, most important first", () => {
    expect(changeSummary({ changed: 2, added: 1, removed: 0 })).toBe("2 paragraphs changed, 1 added");
    expect(changeSummary({ changed: 1, added: 0, removed: 3 })).toBe("1 paragraph changed, 3 removed");
    expect(changeSummary({ changed: 0, added: 0, removed: 1 })).toBe("1 paragraph removed");
    expect(changeSummary({ changed: 0, added: 0, removed: 0 })).toBe("No paragraph changed");
  });
});
