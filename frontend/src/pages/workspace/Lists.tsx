// The side panel's lists: open candidates (by score or position) and the article's claims.
import { memo } from "preact/compat";
import { useEffect, useRef, useState } from "preact/hooks";
import type { Candidate, Claim, VerdictLabel } from "../../api/types";
import { useStore } from "../../store";
import { acceptCandidate, dismissCandidate, reopenCandidate, select } from "./actions";
import { dismissedCandidates, openCandidates, shownCandidates, type WorkspaceStore } from "./state";

// Long lists render a window: the first PAGE rows (more on demand) and always the selected
// row's neighbourhood, so an article with hundreds of candidates renders its panel fast.
const PAGE = 50;

// A selected row beyond them is shown with a few neighbours after a gap, so selecting
// mounts a handful of rows instead of shifting the whole window.
const NEAR = 3;

export function windowOf<T>(items: T[], shown: number, selectedAt: number): { rows: T[]; gapAt: number; hidden: number } {
  const head = items.slice(0, shown);
  if (selectedAt < shown + NEAR) {
    const rows = items.slice(0, Math.max(shown, selectedAt + NEAR + 1));
    return { rows, gapAt: -1, hidden: items.length - rows.length };
  }
  const near = items.slice(selectedAt - NEAR, selectedAt + NEAR + 1);
  return { rows: [...head, ...near], gapAt: head.length, hidden: items.length - head.length - near.length };
}

function Gap({ count }: { count: number }) {
  return <li class="empty gap-row">… {count} not shown</li>;
}

function MoreButton({ hidden, onMore }: { hidden: number; onMore: () => void }) {
  if (hidden <= 0) return null;
  return (
    <button type="button" class="small link more" onClick={onMore}>
      Show more ({hidden} not shown)
    </button>
  );
}

const KIND = { number: "Number", quote: "Quote", attribution: "Attribution" } as const;

function excerpt(text: string, max = 110): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > max ? flat.slice(0, max - 1) + "…" : flat;
}

/** Scroll the text's highlight for `key` into view (without moving focus). */
export function reveal(key: string) {
  const el = document.querySelector(`.article-text [data-keys~="${key}"]`);
  el?.scrollIntoView({ block: "center", behavior: "auto" });
}

// Rows use a roving tab stop: only the selected (or first) row's buttons are in the Tab
// order, so a keyboard user tabs past a list of hundreds in three steps (j/k move within).
const CandidateRow = memo(function CandidateRow({
  store,
  candidate,
  selected,
  tabStop,
}: {
  store: WorkspaceStore;
  candidate: Candidate;
  selected: boolean;
  tabStop: boolean;
}) {
  const tab = tabStop ? 0 : -1;
  const ref = useRef<HTMLLIElement>(null);
  useEffect(() => {
    if (selected) ref.current?.scrollIntoView({ block: "nearest" });
  }, [selected]);
  const detail =
    candidate.kind === "quote" && candidate.data.speaker
      ? `speaker: ${candidate.data.speaker}`
      : candidate.kind === "attribution" && candidate.data.source
        ? `source: ${candidate.data.source}`
        : candidate.kind === "number" && candidate.data.unit
          ? `${candidate.data.value ?? ""} ${candidate.data.unit}`
          : "";
  return (
    <li ref={ref} class={selected ? "row is-selected" : "row"} aria-current={selected ? "true" : undefined}>
      <button
        type="button"
        class="row-main"
        tabIndex={tab}
        onClick={() => {
          select(store, `cand:${candidate.id}`);
          reveal(`cand:${candidate.id}`);
        }}
      >
        <span class={`kind-chip k-${candidate.kind}`}>{KIND[candidate.kind]}</span>
        <span class="row-text">{excerpt(candidate.text)}</span>
        <span class="row-meta">
          {detail && <span>{detail}</span>}
          <span title="check-worthiness score">score {candidate.score.toFixed(2)}</span>
        </span>
      </button>
      <span class="row-actions">
        <button type="button" class="small primary" tabIndex={tab} onClick={() => acceptCandidate(store, candidate.id)} aria-label={`Accept candidate: ${excerpt(candidate.text, 60)}`}>
          Accept
        </button>
        <button type="button" class="small" tabIndex={tab} onClick={() => dismissCandidate(store, candidate.id)} aria-label={`Dismiss candidate: ${excerpt(candidate.text, 60)}`}>
          Dismiss
        </button>
      </span>
    </li>
  );
});

function DismissedList({ store }: { store: WorkspaceStore }) {
  const candidates = useStore(store, (s) => s.candidates);
  const [shown, setShown] = useState(PAGE);
  const list = dismissedCandidates({ ...store.get(), candidates });
  const rows = list.slice(0, shown);
  return (
    <>
      {!list.length && <p class="empty">No dismissed candidates.</p>}
      <ul class="rows" aria-label="Dismissed candidates">
        {rows.map((c) => (
          <li key={c.id} class="row">
            <span class="row-main static">
              <span class={`kind-chip k-${c.kind}`}>{KIND[c.kind]}</span>
              <span class="row-text">{excerpt(c.text)}</span>
            </span>
            <span class="row-actions">
              <button type="button" class="small" onClick={() => void reopenCandidate(store, c.id)} aria-label={`Reopen candidate: ${excerpt(c.text, 60)}`}>
                Reopen
              </button>
            </span>
          </li>
        ))}
      </ul>
      <MoreButton hidden={list.length - rows.length} onMore={() => setShown(shown + PAGE)} />
    </>
  );
}

export function CandidateList({ store }: { store: WorkspaceStore }) {
  const candidates = useStore(store, (s) => s.candidates);
  const order = useStore(store, (s) => s.candidateOrder);
  const selected = useStore(store, (s) => s.selected);
  const tagging = useStore(store, (s) => s.tagging);
  const view = useStore(store, (s) => s.candidateView);
  const loaded = useStore(store, (s) => s.article !== null);
  const showAll = useStore(store, (s) => s.showAllCandidates);
  const [shown, setShown] = useState(PAGE);
  const list = openCandidates({ ...store.get(), candidates, candidateOrder: order, showAllCandidates: showAll });
  const { hidden: lowCheckable } = shownCandidates({ candidates, showAllCandidates: false });
  const dismissed = candidates.reduce((n, c) => n + (c.status === "dismissed" ? 1 : 0), 0);
  const selectedAt = list.findIndex((c) => selected === `cand:${c.id}`);
  const anySelected = selectedAt !== -1;
  const { rows, gapAt, hidden } = windowOf(list, shown, selectedAt);
  return (
    <section class="panel-section" aria-label="Candidates">
      <div class="section-head">
        <h2>
          Candidates <span class="count">{list.length}</span>
        </h2>
        <div class="segmented" role="group" aria-label="Which candidates">
          <button type="button" class="small" aria-pressed={view === "open"} onClick={() => store.set({ candidateView: "open" })}>
            Open
          </button>
          <button type="button" class="small" aria-pressed={view === "dismissed"} onClick={() => store.set({ candidateView: "dismissed" })}>
            Dismissed{dismissed ? ` (${dismissed})` : ""}
          </button>
        </div>
        {view === "open" && (
          <label class="inline">
            Sort
            <select
              value={order}
              onChange={(e) => store.set({ candidateOrder: e.currentTarget.value as "score" | "position" })}
            >
              <option value="score">by score</option>
              <option value="position">by position</option>
            </select>
          </label>
        )}
      </div>
      {(tagging === "queued" || tagging === "running") && (
        <p class="status-line" role="status">
          <span class="spinner" aria-hidden="true" /> Tagging {tagging}…
        </p>
      )}
      {tagging === "failed" && <p role="alert" class="error">Tagging failed.</p>}
      {view === "dismissed" ? (
        <DismissedList store={store} />
      ) : (
        <>
          {loaded && tagging === "done" && !list.length && <p class="empty">No open candidates.</p>}
          {lowCheckable > 0 && (
            <button
              type="button"
              class="small link"
              aria-pressed={showAll}
              onClick={() => store.set({ showAllCandidates: !showAll })}
            >
              {showAll
                ? `Hide the ${lowCheckable} unlikely to be checked`
                : `Show ${lowCheckable} more (dates, ordinals, small counts)`}
            </button>
          )}
          <ul class="rows" aria-label="Open candidates">
            {rows.map((c, i) => {
              const isSelected = selected === `cand:${c.id}`;
              const tabStop = isSelected || (i === 0 && !anySelected);
              const row = <CandidateRow key={c.id} store={store} candidate={c} selected={isSelected} tabStop={tabStop} />;
              return i === gapAt ? [<Gap key="gap" count={selectedAt - NEAR - gapAt} />, row] : row;
            })}
          </ul>
          <MoreButton hidden={hidden} onMore={() => setShown(shown + PAGE)} />
        </>
      )}
    </section>
  );
}

const STATUS: Record<Claim["status"], string> = {
  draft: "Draft",
  in_review: "In review",
  returned: "Returned",
  approved: "Approved",
  published: "Published",
};

const ClaimRow = memo(function ClaimRow({
  store,
  claim,
  label,
  selected,
}: {
  store: WorkspaceStore;
  claim: Claim;
  label: VerdictLabel | undefined;
  selected: boolean;
}) {
  return (
    <li class={selected ? "row is-selected" : "row"} aria-current={selected ? "true" : undefined}>
      <button
        type="button"
        class="row-main"
        onClick={() => {
          select(store, `claim:${claim.id}`);
          reveal(`claim:${claim.id}`);
        }}
      >
        {/* The text first in the DOM, so the button's name ("Claim: …, verdict, state")
            starts with the claim and holds every visible word; the chip shows first. */}
        <span class="row-text">
          <span class="sr-only">Claim: </span>
          {excerpt(claim.statement || claim.exact)}
        </span>
        <span class="verdict-chip first" style={label ? { "--v": label.colour } : undefined}>
          {label ? label.name : "No verdict"}
        </span>
        <span class="row-meta">
          <span>{STATUS[claim.status]}</span>
          {claim.claimant && <span>{claim.claimant}</span>}
          {claim.anchor_status === "orphaned" && <span class="error">orphaned</span>}
        </span>
      </button>
    </li>
  );
});

export function ClaimList({ store }: { store: WorkspaceStore }) {
  const claims = useStore(store, (s) => s.claims);
  const labels = useStore(store, (s) => s.labels);
  const drafts = useStore(store, (s) => s.drafts);
  const selected = useStore(store, (s) => s.selected);
  const [shown, setShown] = useState(PAGE);
  const byId = new Map(labels.map((l) => [l.id, l]));
  const selectedAt = claims.findIndex((c) => selected === `claim:${c.id}`);
  const { rows, gapAt, hidden } = windowOf(claims, shown, selectedAt);
  return (
    <section class="panel-section" aria-label="Claims">
      <div class="section-head">
        <h2>
          Claims <span class="count">{claims.length}</span>
        </h2>
      </div>
      {!claims.length && <p class="empty">No claims yet. Select text and press c, or accept a candidate.</p>}
      <ul class="rows" aria-label="Claims in this article">
        {rows.map((c, i) => {
          const verdict = drafts[c.id]?.verdict ?? c.verdict;
          const row = (
            <ClaimRow
              key={c.id}
              store={store}
              claim={c}
              label={verdict == null ? undefined : byId.get(verdict)}
              selected={selected === `claim:${c.id}`}
            />
          );
          return i === gapAt ? [<Gap key="gap" count={selectedAt - NEAR - gapAt} />, row] : row;
        })}
      </ul>
      <MoreButton hidden={hidden} onMore={() => setShown(shown + PAGE)} />
    </section>
  );
}
