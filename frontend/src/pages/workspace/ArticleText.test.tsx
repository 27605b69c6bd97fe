import { render } from "preact";
import { act } from "preact/test-utils";
import { afterEach, describe, expect, it } from "vitest";
import { OffsetIndex } from "../../api/edge";
import type { Article } from "../../api/types";
import { ArticleText, currentSelectionSpan } from "./ArticleText";
import { articleState, createWorkspaceStore } from "./state";

const TEXT = "Party 🎉 time: “we won 👍🏽 big”.\nSecond 😀 paragraph with 12% growth.";

function mount() {
  const store = createWorkspaceStore();
  const index = new OffsetIndex(TEXT);
  store.set(articleState({ id: 1, text: TEXT } as Article, [], index));
  const host = document.createElement("div");
  document.body.append(host);
  act(() => render(<ArticleText store={store} />, host));
  return { store, host };
}

afterEach(() => {
  document.body.innerHTML = "";
});

describe("ArticleText", () => {
  it("renders paragraphs with code-point data-start (the anchoring DOM contract)", () => {
    const { host } = mount();
    const paras = host.querySelectorAll("p[data-start]");
    expect(paras.length).toBe(2);
    expect(paras[1].getAttribute("data-start")).toBe(String([...TEXT.split("\n")[0]].length + 1));
  });

  it("turns a selection across emoji and paragraphs into UTF-16 article offsets", () => {
    const { store, host } = mount();
    const [p1, p2] = host.querySelectorAll("p[data-start]");
    const range = document.createRange();
    const first = p1.firstChild as Text;
    const second = p2.firstChild as Text;
    range.setStart(first, first.data.indexOf("“"));
    range.setEnd(second, second.data.indexOf(" paragraph"));
    getSelection()!.removeAllRanges();
    getSelection()!.addRange(range);
    const span = currentSelectionSpan(store, host.querySelector(".article-text"))!;
    expect(TEXT.slice(span.start, span.end)).toBe("“we won 👍🏽 big”.\nSecond 😀");
  });

  it("splits only at highlight boundaries and marks candidates by kind", () => {
    const { store, host } = mount();
    const start = TEXT.indexOf("12%");
    act(() =>
      store.set({
        candidates: [{ id: 5, kind: "number", start, end: start + 3, text: "12%", data: {}, score: 0.8, status: "open", claim: null }],
      }),
    );
    const mark = host.querySelector('[data-keys="cand:5"]')!;
    expect(mark.textContent).toBe("12%");
    expect(mark.className).toContain("u-number");
    expect(host.querySelectorAll("p[data-start]")[1].textContent).toBe(TEXT.split("\n")[1]);
  });
});
