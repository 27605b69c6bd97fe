// The workspace's state: one store per open article, plus the derived highlight buckets.
import { OffsetIndex } from "../../api/edge";
import type { Article, Candidate, Claim, ClaimDraft, Me, VerdictLabel } from "../../api/types";
import { createStore, type Store } from "../../store";
import { bucketHighlights, type Highlight, type Paragraph, splitParagraphs } from "./segments";

export interface Conflict {
  claimId: number;
  /** What this person had when they started editing. */
  base: ClaimDraft;
  mine: ClaimDraft;
  theirs: Claim;
}

/** A short-lived "Undo" offer for the last action (button in a toast, or `z`). */
export interface UndoOffer {
  id: number;
  message: string;
  run: () => Promise<void> | void;
}

export type SaveState = "pending" | "saving" | "saved" | "error";

export interface WorkspaceState {
  article: Article | null;
  index: OffsetIndex;
  paragraphs: Paragraph[];
  /** [start, end, score] in UTF-16 offsets. */
  sentences: [number, number, number][];
  candidates: Candidate[];
  claims: Claim[];
  labels: VerdictLabel[];
  /** "claim:12" or "cand:34". */
  selected: string | null;
  /** Unsaved edits per claim. */
  drafts: Record<number, ClaimDraft>;
  candidateOrder: "score" | "position";
  tagging: Article["tagging_status"] | null;
  notice: string;
  conflict: Conflict | null;
  busy: boolean;
  me: Me | null;
  /** Autosave progress per claim. */
  saveState: Record<number, SaveState>;
  /** Problems the server named, per claim and field ("_form": the action itself). */
  errors: Record<number, Record<string, string>>;
  undo: UndoOffer | null;
  candidateView: "open" | "dismissed";
  /** Also the candidates below CHECKABLE_THRESHOLD (bare months, ordinals, small counts). */
  showAllCandidates: boolean;
}

export type WorkspaceStore = Store<WorkspaceState>;

export function createWorkspaceStore(): WorkspaceStore {
  return createStore<WorkspaceState>({
    article: null,
    index: new OffsetIndex(""),
    paragraphs: [],
    sentences: [],
    candidates: [],
    claims: [],
    labels: [],
    selected: null,
    drafts: {},
    candidateOrder: "score",
    tagging: null,
    notice: "",
    conflict: null,
    busy: false,
    me: null,
    saveState: {},
    errors: {},
    undo: null,
    candidateView: "open",
    showAllCandidates: false,
  });
}

/** The article part of the state, from the API's article (spans already converted). */
export function articleState(
  article: Article,
  sentences: [number, number, number][],
  index: OffsetIndex = new OffsetIndex(article.text),
) {
  return { article, index, paragraphs: splitParagraphs(article.text, (u) => index.toCodePoint(u)), sentences };
}

export function draftOf(claim: Claim): ClaimDraft {
  return {
    statement: claim.statement,
    claimant: claim.claimant,
    claim_date: claim.claim_date,
    verdict: claim.verdict,
    rationale: claim.rationale,
  };
}

export function isDirty(state: WorkspaceState, claim: Claim): boolean {
  const draft = state.drafts[claim.id];
  if (!draft) return false;
  const saved = draftOf(claim);
  return (Object.keys(saved) as (keyof ClaimDraft)[]).some((k) => saved[k] !== draft[k]);
}

const BADGES: Record<string, string> = {
  true: "T",
  "mostly-true": "MT",
  "half-true": "HT",
  "mostly-false": "MF",
  false: "F",
  "pants-on-fire": "PF",
  unverifiable: "?",
};

export function badgeFor(label: VerdictLabel | undefined): string {
  if (!label) return "";
  return BADGES[label.slug] ?? label.name.slice(0, 2).toUpperCase();
}

/** The dismissed candidates, in the text's order (to reopen one). */
export function dismissedCandidates(state: WorkspaceState): Candidate[] {
  return state.candidates.filter((c) => c.status === "dismissed").sort((a, b) => a.start - b.start);
}

/** The tagger's line between what a fact-checker checks and noise (TAGGER's
 * CHECKABLE_THRESHOLD): candidates below it are kept, and shown on demand. */
export const CHECKABLE_THRESHOLD = 0.5;

export const isCheckable = (c: Pick<Candidate, "checkable">) =>
  (c.checkable ?? 1) >= CHECKABLE_THRESHOLD;

/** Open candidates, and how many of them the default view leaves out. */
export function shownCandidates(state: Pick<WorkspaceState, "candidates" | "showAllCandidates">) {
  const open = state.candidates.filter((c) => c.status === "open");
  const shown = state.showAllCandidates ? open : open.filter(isCheckable);
  return { shown, hidden: open.length - shown.length };
}

/** The open candidates in the panel's order (the low-checkable ones only on demand). */
export function openCandidates(state: WorkspaceState): Candidate[] {
  const open = shownCandidates(state).shown;
  if (state.candidateOrder === "score") return open.sort((a, b) => b.score - a.score || a.start - b.start);
  return open.sort((a, b) => a.start - b.start || a.end - b.end);
}

/** Highlights for the text: every claim (by its draft's verdict) and every open candidate. */
export function highlightsOf(state: WorkspaceState): Highlight[] {
  const labels = new Map(state.labels.map((l) => [l.id, l]));
  const out: Highlight[] = [];
  for (const claim of state.claims) {
    // An orphaned claim's offsets point into an older revision: list it, don't paint it.
    if (claim.anchor_status === "orphaned") continue;
    const verdict = state.drafts[claim.id]?.verdict ?? claim.verdict;
    const label = verdict == null ? undefined : labels.get(verdict);
    const key = `claim:${claim.id}`;
    out.push({
      key,
      kind: "claim",
      start: claim.start,
      end: claim.end,
      verdict: label?.slug ?? "",
      badge: badgeFor(label),
      colour: label?.colour ?? "",
      selected: state.selected === key,
    });
  }
  for (const c of state.candidates) {
    if (c.status !== "open" || !(state.showAllCandidates || isCheckable(c))) continue;
    const key = `cand:${c.id}`;
    out.push({
      key,
      kind: c.kind,
      start: c.start,
      end: c.end,
      verdict: "",
      badge: "",
      colour: "",
      selected: state.selected === key,
    });
  }
  return out;
}

/** A selector returning per-paragraph buckets that keep their identity while unchanged. */
export function bucketSelector(): (state: WorkspaceState) => Highlight[][] {
  let inputs: unknown[] = [];
  let result: Highlight[][] = [];
  return (state) => {
    const next = [
      state.paragraphs,
      state.claims,
      state.candidates,
      state.drafts,
      state.selected,
      state.labels,
      state.showAllCandidates,
    ];
    if (next.every((v, i) => v === inputs[i])) return result;
    const previous = inputs[0] === state.paragraphs ? result : undefined;
    inputs = next;
    result = bucketHighlights(state.paragraphs, highlightsOf(state), previous);
    return result;
  };
}
