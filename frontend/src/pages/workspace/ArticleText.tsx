// The article's text: memoised paragraphs with their highlight segments, a check-worthiness
// margin bar, one delegated click handler, and the floating "Make claim" button.
import { memo } from "preact/compat";
import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import { useStore } from "../../store";
import { makeClaim, select } from "./actions";
import { type Highlight, type Paragraph, segmentParagraph } from "./segments";
import { rangeToOffsets } from "../../anchoring/text-position";
import { trimSpan } from "./selection";
import { bucketSelector, type WorkspaceStore } from "./state";

type Sentence = [number, number, number];


function MarginBar({ para, sentences }: { para: Paragraph; sentences: Sentence[] }) {
  const length = Math.max(1, para.end - para.start);
  const worthy = sentences.filter((s) => s[2] >= 0.5).length;
  return (
    <div
      class="cw-bar"
      title={`${worthy} of ${sentences.length} sentences check-worthy`}
      aria-hidden="true"
    >
      {sentences.map(([start, end, score]) => (
        <span
          key={start}
          class={score >= 0.5 ? "cw cw-high" : "cw"}
          style={{ flexGrow: Math.max(1, Math.min(end, para.end) - Math.max(start, para.start)) / length, opacity: 0.15 + 0.85 * score }}
        />
      ))}
    </div>
  );
}

const ParagraphView = memo(function ParagraphView({
  para,
  marks,
  sentences,
}: {
  para: Paragraph;
  /** null: not highlighted yet (a long article paints its first screen first). */
  marks: Highlight[] | null;
  sentences: Sentence[];
}) {
  const children = marks?.length
    ? segmentParagraph(para, marks).map((seg) => {
        const text = para.text.slice(seg.start - para.start, seg.end - para.start);
        if (!seg.marks.length) return text;
        const classes: string[] = [];
        const claims = seg.marks.filter((m) => m.kind === "claim");
        const cand = seg.marks.find((m) => m.kind !== "claim");
        let style: Record<string, string> | undefined;
        let badge = "";
        if (claims.length) {
          classes.push("hl-claim");
          if (claims.length > 1) classes.push("hl-overlap");
          const coloured = claims.find((c) => c.colour);
          if (coloured) style = { "--v": coloured.colour };
          else classes.push("hl-unrated");
          const ending = claims.find((c) => c.end === seg.end);
          if (ending) badge = ending.badge || "·";
        }
        if (cand) classes.push(`u-${cand.kind}`);
        if (seg.marks.some((m) => m.selected)) classes.push("hl-selected");
        return (
          <span
            key={seg.start}
            class={classes.join(" ")}
            style={style}
            data-keys={seg.marks.map((m) => m.key).join(" ")}
            data-badge={badge || undefined}
          >
            {text}
          </span>
        );
      })
    : para.text;
  return (
    <div class="para-row">
      <MarginBar para={para} sentences={sentences} />
      <p class="para" data-start={para.cpStart} data-hl={marks ? marks.length : undefined}>
        {children}
      </p>
    </div>
  );
});

const NO_MARKS: Highlight[] = [];

// A huge article (250,000 characters, 12,000 candidates) highlights the paragraphs of its
// first screens at once and the rest in slices after that first paint, so the text and the
// highlights in view appear without waiting for every span of the article.
const FIRST_CHARS = 12_000;
const SLICE_CHARS = 30_000;

function useProgressiveLimit(paragraphs: Paragraph[]): number {
  const first = useMemo(() => countUpTo(paragraphs, 0, FIRST_CHARS), [paragraphs]);
  const [limit, setLimit] = useState(first);
  useEffect(() => {
    setLimit(first);
    if (first >= paragraphs.length) return;
    let at = first;
    let timer: ReturnType<typeof setTimeout>;
    const step = () => {
      at = countUpTo(paragraphs, at, SLICE_CHARS);
      setLimit(at);
      if (at < paragraphs.length) timer = setTimeout(step, 0);
    };
    // After the first screen has painted.
    const frame = requestAnimationFrame(() => (timer = setTimeout(step, 0)));
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [paragraphs, first]);
  return Math.max(limit, first);
}

/** The index after the paragraphs from `from` holding about `chars` characters. */
function countUpTo(paragraphs: Paragraph[], from: number, chars: number): number {
  let i = from;
  let total = 0;
  while (i < paragraphs.length && total < chars) total += paragraphs[i++].text.length + 1;
  return Math.max(i, Math.min(from + 1, paragraphs.length));
}

function sentencesByParagraph(paragraphs: Paragraph[], sentences: Sentence[]): Sentence[][] {
  const out: Sentence[][] = paragraphs.map(() => []);
  let p = 0;
  for (const s of sentences) {
    while (p < paragraphs.length && paragraphs[p].end <= s[0]) p++;
    for (let i = p; i < paragraphs.length && paragraphs[i].start < s[1]; i++) out[i].push(s);
  }
  return out;
}

export function ArticleText({ store }: { store: WorkspaceStore }) {
  const paragraphs = useStore(store, (s) => s.paragraphs);
  const sentences = useStore(store, (s) => s.sentences);
  const buckets = useStore(store, useMemo(bucketSelector, [store]));
  const bySentence = useMemo(() => sentencesByParagraph(paragraphs, sentences), [paragraphs, sentences]);
  const root = useRef<HTMLDivElement>(null);
  const wrap = useRef<HTMLDivElement>(null);
  const [floating, setFloating] = useState<{ top: number; left: number } | null>(null);
  const limit = useProgressiveLimit(paragraphs);

  useEffect(() => {
    // The floating button appears once a selection is made (mouse-up, or a selection made
    // without the mouse), never while a drag is going on, and sits outside the selected
    // range and outside the text: a drag crossing it cannot pull the selection along.
    const el = root.current;
    const wrapper = wrap.current;
    if (!el || !wrapper) return;
    let dragging = false;
    const place = () => {
      const selection = getSelection();
      if (dragging || !selection || selection.isCollapsed || !selection.rangeCount) return setFloating(null);
      const range = selection.getRangeAt(0);
      if (!el.contains(range.commonAncestorContainer)) return setFloating(null);
      const rects = range.getClientRects();
      const first = rects[0] ?? range.getBoundingClientRect();
      const last = rects[rects.length - 1] ?? first;
      const box = wrapper.getBoundingClientRect();
      const above = first.top - box.top - 38;
      // Above the selection's first line; below its last one when there is no room.
      const top = above > 0 ? above : last.bottom - box.top + 8;
      const left = Math.max(0, Math.min((above > 0 ? first.left : last.right) - box.left - 20, box.width - 160));
      setFloating({ top, left });
    };
    const down = (event: MouseEvent) => {
      if ((event.target as Element).closest(".floating-claim")) return;
      dragging = true;
      setFloating(null);
    };
    const up = () => {
      dragging = false;
      // After the browser has settled the selection for this mouse-up.
      setTimeout(place, 0);
    };
    // A selection made without the mouse (keyboard, find, a script) shows it at once.
    const change = () => (dragging ? setFloating(null) : place());
    el.addEventListener("mousedown", down);
    document.addEventListener("mouseup", up);
    document.addEventListener("selectionchange", change);
    return () => {
      el.removeEventListener("mousedown", down);
      document.removeEventListener("mouseup", up);
        document.removeEventListener("selectionchange", change);
    };
  }, []);

  function onClick(event: MouseEvent) {
    const target = (event.target as Element).closest("[data-keys]") as HTMLElement | null;
    if (!target) return;
    const selection = getSelection();
    if (selection && !selection.isCollapsed) return;
    const keys = target.dataset.keys!.split(" ");
    // Clicking again cycles through overlapping highlights; claims first.
    keys.sort((a, b) => Number(b.startsWith("claim")) - Number(a.startsWith("claim")));
    const current = keys.indexOf(store.get().selected ?? "");
    select(store, keys[(current + 1) % keys.length]);
  }

  return (
    <div class="article-wrap" ref={wrap}>
      <div class="article-text" ref={root} onClick={onClick}>
        {paragraphs.map((para, i) => (
          <ParagraphView
            key={para.start}
            para={para}
            marks={i < limit ? (buckets[i] ?? NO_MARKS) : null}
            sentences={bySentence[i]}
          />
        ))}
      </div>
      {floating && (
        <button
          type="button"
          class="floating-claim"
          style={{ top: `${floating.top}px`, left: `${floating.left}px` }}
          onMouseDown={(e) => e.preventDefault()}
          onClick={() => {
            claimFromSelection(store, root.current);
            setFloating(null);
          }}
        >
          Make claim <kbd>c</kbd>
        </button>
      )}
    </div>
  );
}

/** Make a claim from the current selection, if it lies in the text. */
export function claimFromSelection(store: WorkspaceStore, root: Element | null): boolean {
  const span = currentSelectionSpan(store, root);
  if (!span) return false;
  getSelection()?.removeAllRanges();
  void makeClaim(store, span.start, span.end);
  return true;
}

export function currentSelectionSpan(store: WorkspaceStore, root: Element | null) {
  const selection = getSelection();
  const text = store.get().article?.text;
  if (!root || !selection || !selection.rangeCount || text === undefined) return null;
  // The anchoring module reads the DOM (data-start in code points); convert to UTF-16.
  const offsets = rangeToOffsets(root, selection.getRangeAt(0));
  if (!offsets) return null;
  const { index } = store.get();
  const span = trimSpan(text, index.toUtf16(offsets.start), index.toUtf16(offsets.end));
  return span.start < span.end ? span : null;
}

