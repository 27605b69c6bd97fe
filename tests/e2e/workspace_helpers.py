"""Browser helpers for the workspace tests: select article text like a person would."""

from __future__ import annotations

from playwright.sync_api import Page

# Finds `first` (and `last`, when given, after it) in the article's rendered text and
# selects from the start of `first` to the end of `last` through the DOM Selection API,
# as a mouse drag would. Text nodes are searched across highlight spans.
_SELECT_JS = """
([first, last]) => {
  const root = document.querySelector('.article-text');
  const nodes = [];
  let all = '';
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
    acceptNode: (n) => n.parentElement.closest('p[data-start]') ? 1 : 2,
  });
  while (walker.nextNode()) {
    nodes.push([walker.currentNode, all.length]);
    all += walker.currentNode.data;
  }
  const s = all.indexOf(first);
  if (s < 0) throw new Error('not in the text: ' + first);
  const e = last ? all.indexOf(last, s) + last.length : s + first.length;
  if (last && e < s + last.length) throw new Error('not in the text: ' + last);
  const locate = (off, isEnd) => {
    for (const [n, base] of nodes) {
      const len = n.data.length;
      const inside = off < base + len || (isEnd && off === base + len);
      if (off >= base && inside) return [n, off - base];
    }
    throw new Error('offset out of the text');
  };
  const range = document.createRange();
  range.setStart(...locate(s, false));
  range.setEnd(...locate(e, true));
  const sel = getSelection();
  sel.removeAllRanges();
  sel.addRange(range);
}
"""


def select_text(page: Page, first: str, last: str | None = None) -> None:
    page.evaluate(_SELECT_JS, [first, last])
