import { render } from "preact";
import { act } from "preact/test-utils";
import { afterEach, describe, expect, it, vi } from "vitest";
import { CheckedBefore } from "./CheckedBefore";

const MATCH = {
  id: 4,
  url: "https://other.example/check",
  claim_reviewed: "Unemployment fell to 3.5% in 2019.",
  rating: "Mostly true",
  publisher: "Other Checkers",
  date: "2020-01-06",
  origin: "imported",
  claimant: "",
  score: 0.93,
  cited: false,
};

interface Call {
  url: string;
  method: string;
  body: unknown;
}

function stubApi(citeStatus = 201) {
  const calls: Call[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (url: string, init: RequestInit) => {
      const body = init.body ? JSON.parse(String(init.body)) : undefined;
      calls.push({ url, method: init.method ?? "GET", body });
      if (url.includes("/cite/")) {
        const answer =
          citeStatus === 201 ? { citation: 9, claim: 7, claim_version: 4 } : { detail: "stale" };
        return new Response(JSON.stringify(answer), { status: citeStatus });
      }
      return new Response(JSON.stringify({ text: "x", matches: [MATCH] }), { status: 200 });
    }),
  );
  return calls;
}

async function settle() {
  for (let i = 0; i < 5; i++) await act(() => new Promise((r) => setTimeout(r, 0)));
}

afterEach(() => {
  vi.unstubAllGlobals();
  document.body.innerHTML = "";
});

describe("CheckedBefore", () => {
  it("lists earlier fact-checks and cites one with the claim's version and the stance", async () => {
    const calls = stubApi();
    const cited: number[] = [];
    const host = document.createElement("div");
    document.body.append(host);
    act(() =>
      render(<CheckedBefore claimId={7} claimVersion={3} onCited={(v) => cited.push(v)} />, host),
    );
    await settle();
    const item = host.querySelector("li")!;
    expect(item.textContent).toContain("Mostly true");
    expect(item.textContent).toContain("93% match");
    expect(item.querySelector("a")!.getAttribute("href")).toBe(MATCH.url);

    const select = host.querySelector("select")!;
    select.value = "contradicts";
    act(() => {
      select.dispatchEvent(new Event("change"));
    });
    act(() => item.querySelector("button")!.click());
    await settle();
    const cite = calls.find((c) => c.method === "POST")!;
    expect(cite.url).toBe("/api/fact-checks/4/cite/");
    expect(cite.body).toEqual({ claim: 7, version: 3, stance: "contradicts" });
    expect(cited).toEqual([4]);
    expect(host.querySelector("li")!.textContent).toContain("Cited");
  });

  it("says so when the claim changed underneath (409)", async () => {
    stubApi(409);
    const host = document.createElement("div");
    document.body.append(host);
    act(() => render(<CheckedBefore claimId={7} claimVersion={3} />, host));
    await settle();
    act(() => {
      host.querySelector("li button")!.dispatchEvent(new MouseEvent("click"));
    });
    await settle();
    expect(host.querySelector("[role=alert]")!.textContent).toContain("reload it");
  });

  it("shows suggestions for a candidate without a cite button", async () => {
    const calls = stubApi();
    const host = document.createElement("div");
    document.body.append(host);
    act(() => render(<CheckedBefore candidateId={12} />, host));
    await settle();
    expect(calls[0].url).toContain("candidate=12");
    expect(host.querySelector("li button")).toBeNull();
    expect(host.textContent).toContain("Accept the candidate");
  });
});
