import { describe, expect, it } from "vitest";
import { matchRoute } from "./router";

describe("matchRoute", () => {
  it("extracts params", () => {
    expect(matchRoute("/articles/:id", "/articles/42")).toEqual({ id: "42" });
  });
  it("accepts a trailing slash", () => {
    expect(matchRoute("/articles/:id", "/articles/42/")).toEqual({ id: "42" });
  });
  it("rejects other paths", () => {
    expect(matchRoute("/articles/:id", "/articles/42/extra")).toBeNull();
    expect(matchRoute("/", "/login")).toBeNull();
  });
});
