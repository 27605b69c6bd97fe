import { beforeEach, describe, expect, test } from "vitest";
import describeFixture from "../../../tests/fixtures/anchoring/describe.json";
import { OffsetMap } from "./offsets";
import { describe as describeRange } from "./quote";
import { TextIndex, offsetsToRange, rangeToOffsets } from "./text-position";

/**
 * Render `text` by the DOM contract: one <p data-start> per "\n"-separated paragraph, text
 * split by <mark>s at the given code-point offsets (nested at odd positions).
 */
function render(text: string, marks: Array<[number, number]> = []): HTMLElement {
  const root = document.createElement("div");
  const map = new OffsetMap(text);
  let at = 0;
  for (const paragraph of text.split("\n")) {
    const length = new OffsetMap(paragraph).codePointLength;
    const p = document.createElement("p");
    p.setAttribute("data-start", String(at));
    const cuts = new Set([at, at + length]);
    for (const [s, e] of marks) {
      for (const c of [s, e]) if (c > at && c < at + length) cuts.add(c);
    }
    const sorted = [...cuts].sort((a, b) => a - b);
    for (let i = 0; i + 1 < sorted.length; i++) {
      const piece = document.createTextNode(map.slice(sorted[i], sorted[i + 1]));
      const marked = marks.some(([s, e]) => s <= sorted[i] && sorted[i + 1] <= e);
      if (marked) {
        const mark = document.createElement("mark");
        const inner = i % 2 ? document.createElement("span") : mark;
        if (inner !== mark) mark.append(inner);
        inner.append(piece);
        p.append(mark);
      } else {
        p.append(piece);
      }
    }
    root.append(p);
    at += length + 1;
  }
  document.body.replaceChildren(root);
  return root;
}

function select(startNode: Node, startOffset: number, endNode: Node, endOffset: number): Range {
  const range = document.createRange();
  range.setStart(startNode, startOffset);
  range.setEnd(endNode, endOffset);
  return range;
}

function textNodes(root: Node): Text[] {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const out: Text[] = [];
  for (let n = walker.nextNode(); n; n = walker.nextNode()) out.push(n as Text);
  return out;
}

const ARTICLE = "Zoë 👍🏽 said 4.2%.\nقال الوزير 𝒳 نعم\nשלום עולם cafe\u0301 end";

describe("text-position", () => {
  let root: HTMLElement;
  beforeEach(() => {
    root = render(ARTICLE, [
      [2, 9],
      [20, 25],
    ]);
  });

  test("the index matches the article text", () => {
    expect(() => new TextIndex(root).verify(ARTICLE)).not.toThrow();
    expect(() => new TextIndex(root).verify(ARTICLE.replace("said", "sajd"))).toThrow(/does not match/);
  });

  test("a selection inside a text node after an emoji counts code points", () => {
    const map = new OffsetMap(ARTICLE);
    const node = textNodes(root).find((n) => n.data.includes("4.2%"))!;
    const at = node.data.indexOf("4.2%");
    const offsets = rangeToOffsets(root, select(node, at, node, at + 4));
    expect(offsets).toEqual({ start: 12, end: 16 }); // "Zoë 👍🏽 said " is 12 code points, 14 units
    expect(map.slice(offsets!.start, offsets!.end)).toBe("4.2%");
  });

  test("a selection across paragraphs includes the separator in code points", () => {
    const nodes = textNodes(root);
    const first = nodes[0];
    const last = nodes[nodes.length - 1];
    const offsets = rangeToOffsets(root, select(first, 0, last, last.length))!;
    expect(offsets).toEqual({ start: 0, end: new OffsetMap(ARTICLE).codePointLength });
  });

  test("element containers and gaps between paragraphs snap inwards", () => {
    const [p1, p2] = Array.from(root.querySelectorAll("p"));
    // (root, 1) is between the first and second paragraph.
    const fromGap = rangeToOffsets(root, select(root, 1, p2, p2.childNodes.length))!;
    expect(fromGap.start).toBe(Number(p2.dataset.start));
    const toGap = rangeToOffsets(root, select(p1, 0, root, 1))!;
    expect(toGap).toEqual({ start: 0, end: Number(p2.dataset.start) - 1 });
    expect(rangeToOffsets(root, select(root, 1, root, 1))).toBeNull();
  });

  test("an end inside a surrogate pair rounds up, a start rounds down", () => {
    const node = textNodes(root).find((n) => n.data.includes("👍🏽"))!;
    const at = node.data.indexOf("👍🏽");
    const offsets = rangeToOffsets(root, select(node, at + 1, node, at + 3))!;
    const map = new OffsetMap(ARTICLE);
    expect(map.slice(offsets.start, offsets.end)).toBe("👍🏽");
  });

  test("ignored elements add no text", () => {
    const p = root.querySelector("p")!;
    const badge = document.createElement("sup");
    badge.setAttribute("data-anchor-ignore", "");
    badge.textContent = "[1]";
    p.insertBefore(badge, p.firstChild!.nextSibling);
    const index = new TextIndex(root);
    expect(() => index.verify(ARTICLE)).not.toThrow();
    expect(index.rangeToOffsets(select(badge.firstChild!, 0, badge.firstChild!, 3))).toBeNull();
    const range = index.offsetsToRange(0, 9)!;
    expect(range.toString()).toBe("Zo[1]ë 👍🏽 sa"); // the DOM's text includes the badge…
    expect(index.rangeToOffsets(range)).toEqual({ start: 0, end: 9 }); // …the offsets do not
  });

  test("a range outside the root holds no article text", () => {
    const outside = document.createElement("aside");
    outside.textContent = "sidebar";
    document.body.append(outside);
    expect(rangeToOffsets(root, select(outside.firstChild!, 0, outside.firstChild!, 3))).toBeNull();
    const detached = document.createTextNode("detached");
    expect(rangeToOffsets(root, select(detached, 0, detached, 3))).toBeNull();
  });

  test("every code-point span round-trips through a DOM range", () => {
    const index = new TextIndex(root);
    const chars = Array.from(ARTICLE);
    for (let start = 0; start < chars.length; start++) {
      for (let end = start + 1; end <= chars.length; end++) {
        const range = index.offsetsToRange(start, end);
        const inner = chars.slice(start, end).join("");
        if (inner === "\n") {
          expect(range).toBeNull();
          continue;
        }
        expect(range!.toString()).toBe(inner.replaceAll("\n", ""));
        if (chars[start] !== "\n" && chars[end - 1] !== "\n") {
          expect(index.rangeToOffsets(range!)).toEqual({ start, end });
        }
      }
    }
  });

  test("offsets outside the text", () => {
    const length = new OffsetMap(ARTICLE).codePointLength;
    expect(offsetsToRange(root, length, length + 5)).toBeNull();
    expect(() => offsetsToRange(root, 3, 3)).toThrow(RangeError);
    expect(() => offsetsToRange(root, -1, 3)).toThrow(/not a non-empty span/);
  });

  test("data-start is required and must not go backwards", () => {
    const bad = document.createElement("div");
    bad.innerHTML = '<p data-start="x">a</p>';
    expect(() => new TextIndex(bad)).toThrow(/needs data-start as an integer >= 0, got x/);
    bad.innerHTML = '<p data-start="0">abc</p><p data-start="2">d</p>';
    expect(() => new TextIndex(bad)).toThrow(/overlaps/);
  });

  test("custom block start function and selector", () => {
    const custom = document.createElement("div");
    custom.innerHTML = '<section at="0">ab</section><section at="3">cd</section>';
    const index = new TextIndex(custom, { blockSelector: "section", blockStart: (el) => Number(el.getAttribute("at")) });
    expect(index.offsetsToRange(1, 4)!.toString()).toBe("bc");
  });
});

describe("describe.json texts rendered to the DOM", () => {
  for (const c of describeFixture.cases) {
    test(c.name, () => {
      const root = render(c.text, [[c.start, c.end]]);
      const range = offsetsToRange(root, c.start, c.end)!;
      expect(range.toString()).toBe(c.expected.exact.replaceAll("\n", ""));
      const offsets = rangeToOffsets(root, range)!;
      expect(describeRange(c.text, offsets.start, offsets.end).quote.exact).toBe(c.expected.exact);
    });
  }
});
