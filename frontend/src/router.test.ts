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

describe("the leave guard", () => {
  it("blocks, or lets a navigation go once its promise says yes", async () => {
    const { navigate, setLeaveGuard } = await import("./router");
    history.replaceState(null, "", "/articles/1");
    const release = setLeaveGuard(() => false);
    navigate("/");
    expect(location.pathname).toBe("/articles/1");
    release();
    let answer: (ok: boolean) => void = () => undefined;
    const again = setLeaveGuard(() => new Promise<boolean>((resolve) => (answer = resolve)));
    navigate("/import");
    expect(location.pathname).toBe("/articles/1");
    answer(true);
    await Promise.resolve();
    await Promise.resolve();
    expect(location.pathname).toBe("/import");
    again();
    navigate("/");
    expect(location.pathname).toBe("/");
  });
});
