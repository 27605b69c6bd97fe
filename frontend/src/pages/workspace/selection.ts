// DOM selection → article offsets (UTF-16). The rendering contract: each paragraph is an
// element with data-start (its UTF-16 offset into the article) whose text nodes, in
// document order, are exactly the paragraph's text; decorations (badges, margin bars)
// live outside those elements or in CSS generated content, never as text nodes inside.

const PARA = "[data-start]";

function offsetIn(para: Element, node: Node, offset: number): number {
  const base = Number((para as HTMLElement).dataset.start);
  // A boundary given as (element, child index): count the text before that child.
  let target: Node | null = node;
  let within = offset;
  if (node.nodeType !== Node.TEXT_NODE) {
    const child = node.childNodes[offset] ?? null;
    target = child;
    within = 0;
    if (!child) {
      // After the element's last child: everything inside it counts.
      const range = document.createRange();
      range.selectNodeContents(node);
      return base + textBefore(para, node) + range.toString().length;
    }
  }
  return base + textBefore(para, target!) + within;
}

function textBefore(para: Element, node: Node): number {
  const range = document.createRange();
  range.setStart(para, 0);
  range.setEndBefore(node.nodeType === Node.TEXT_NODE ? node : firstText(node) ?? node);
  return range.toString().length;
}

function firstText(node: Node): Node | null {
  const walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT);
  return walker.nextNode();
}

/** The selection's [start, end) in article offsets, or null when it is not in `root`. */
export function rangeToOffsets(root: Element, range: Range): { start: number; end: number } | null {
  if (range.collapsed || !root.contains(range.commonAncestorContainer)) return null;
  const paras = [...root.querySelectorAll(PARA)].filter((p) => range.intersectsNode(p));
  if (!paras.length) return null;
  const first = paras[0];
  const last = paras[paras.length - 1];
  const startPara = (range.startContainer.nodeType === Node.TEXT_NODE
    ? range.startContainer.parentElement
    : (range.startContainer as Element)
  )?.closest(PARA);
  const endPara = (range.endContainer.nodeType === Node.TEXT_NODE
    ? range.endContainer.parentElement
    : (range.endContainer as Element)
  )?.closest(PARA);
  const start = startPara ? offsetIn(startPara, range.startContainer, range.startOffset) : Number((first as HTMLElement).dataset.start);
  const end = endPara
    ? offsetIn(endPara, range.endContainer, range.endOffset)
    : Number((last as HTMLElement).dataset.start) + (last.textContent ?? "").length;
  return start < end ? { start, end } : null;
}

/** Trim whitespace at both ends of [start, end) of `text`. */
export function trimSpan(text: string, start: number, end: number): { start: number; end: number } {
  while (start < end && /\s/.test(text[start])) start++;
  while (end > start && /\s/.test(text[end - 1])) end--;
  return { start, end };
}
