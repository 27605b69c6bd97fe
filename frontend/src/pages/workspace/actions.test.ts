import { describe, expect, it } from "vitest";
import { fieldErrors } from "./actions";

describe("fieldErrors", () => {
  it("puts each named problem under its field, not in a summary", () => {
    const body = { detail: "verdict: Pick a verdict.", verdict: ["Pick a verdict."], rationale: ["Say why.", "More."] };
    expect(fieldErrors(body)).toEqual({ verdict: "Pick a verdict.", rationale: "Say why. More." });
  });
  it("keeps the detail when no field is named", () => {
    expect(fieldErrors({ detail: "This claim is in review." })).toEqual({ _form: "This claim is in review." });
  });
  it("ignores the current claim of a 409", () => {
    expect(fieldErrors({ detail: "Stale.", current: { id: 1 } })).toEqual({ _form: "Stale." });
  });
});
