// What the reviewer does in the workspace. Each action updates the store first (the view
// answers at once) and then talks to the API, rolling back with a notice if it fails.
import { ApiError } from "../../api/client";
import { OffsetIndex, sentencesIn } from "../../api/edge";
import type { Candidate, Claim, ClaimDraft } from "../../api/types";
import * as api from "../../api/workspace";
import { articleState, draftOf, openCandidates, type WorkspaceStore } from "./state";

let tempIds = -1;

function fail(store: WorkspaceStore, error: unknown, what: string) {
  const message = error instanceof ApiError ? error.message : `Could not ${what}: the server did not answer.`;
  store.set({ notice: message });
}

function putClaim(store: WorkspaceStore, claim: Claim, replace: number = claim.id) {
  store.set((s) => {
    const exists = s.claims.some((c) => c.id === replace);
    const claims = exists
      ? s.claims.map((c) => (c.id === replace ? claim : c))
      : [...s.claims, claim];
    claims.sort((a, b) => a.start - b.start || a.end - b.end || a.id - b.id);
    const selected = s.selected === `claim:${replace}` ? `claim:${claim.id}` : s.selected;
    if (replace === claim.id || !s.drafts[replace]) return { claims, selected };
    // Edits made to a provisional claim (e.g. a verdict key pressed at once) carry over.
    const drafts = { ...s.drafts, [claim.id]: { ...draftOf(claim), ...s.drafts[replace] } };
    delete drafts[replace];
    return { claims, selected, drafts };
  });
}

export async function loadWorkspace(store: WorkspaceStore, id: number): Promise<void> {
  // Article, claims and candidates land in the store together: a claim made while a list
  // was still loading would otherwise be overwritten by the (older) list.
  const [article, labels] = await Promise.all([api.getArticle(id), api.getVerdictLabels()]);
  const index = new OffsetIndex(article.text);
  const [claims, candidates] = await Promise.all([
    api.getClaims(index, id),
    api.getCandidates(index, id).catch(() => []),
  ]);
  store.set({
    labels,
    claims,
    candidates,
    tagging: article.tagging_status,
    ...articleState(article, sentencesIn(index, article.sentences ?? []), index),
  });
}

/** Fresh candidates from the server, keeping decisions made here meanwhile. */
function mergeCandidates(store: WorkspaceStore, fresh: Candidate[]) {
  store.set((s) => {
    const decided = new Map(s.candidates.filter((c) => c.status !== "open").map((c) => [c.id, c.status]));
    return { candidates: fresh.map((c) => (decided.has(c.id) ? { ...c, status: decided.get(c.id)! } : c)) };
  });
}

/** How long to wait before the nth poll: tagging usually ends within a few hundred
 * milliseconds of an import, so poll fast at first (the state endpoint is one cheap query
 * with an ETag), then back off to once a second for a long queue. */
export function pollDelay(attempt: number): number {
  return attempt < 20 ? 100 : attempt < 40 ? 300 : 1000;
}

/** Poll the tagging state until done/failed; then reload sentences and candidates. */
export async function followTagging(store: WorkspaceStore, id: number, stop: () => boolean) {
  for (let attempt = 0; !stop(); attempt++) {
    const state = await api.getTagging(id).catch(() => null);
    if (stop()) return;
    if (state) store.set({ tagging: state.status });
    if (state && (state.status === "done" || state.status === "failed")) {
      const article = await api.getArticle(id);
      const index = store.get().index;
      const candidates = await api.getCandidates(index, id).catch(() => []);
      if (stop()) return;
      store.set({ sentences: sentencesIn(index, article.sentences ?? []), tagging: article.tagging_status });
      mergeCandidates(store, candidates);
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, pollDelay(attempt)));
  }
}

export function select(store: WorkspaceStore, key: string | null) {
  if (store.get().selected !== key) store.set({ selected: key });
}

/** j/k: the next/previous open candidate in the panel's order. */
export function moveCandidate(store: WorkspaceStore, step: 1 | -1) {
  const state = store.get();
  const list = openCandidates(state);
  if (!list.length) return;
  const at = list.findIndex((c) => `cand:${c.id}` === state.selected);
  const next = at === -1 ? (step === 1 ? 0 : list.length - 1) : Math.min(list.length - 1, Math.max(0, at + step));
  select(store, `cand:${list[next].id}`);
}

function setCandidateStatus(store: WorkspaceStore, id: number, status: "open" | "accepted" | "dismissed") {
  store.set((s) => ({ candidates: s.candidates.map((c) => (c.id === id ? { ...c, status } : c)) }));
}

/** The open candidate after `id` in the panel's order (to keep j/k flowing). */
function neighbour(store: WorkspaceStore, id: number): string | null {
  const list = openCandidates(store.get());
  const at = list.findIndex((c) => c.id === id);
  const next = list[at + 1] ?? list[at - 1];
  return next ? `cand:${next.id}` : null;
}

export async function acceptCandidate(store: WorkspaceStore, id: number): Promise<void> {
  const candidate = store.get().candidates.find((c) => c.id === id);
  if (!candidate || candidate.status !== "open") return;
  const article = store.get().article!;
  // Show a provisional claim at once; the server's claim replaces it.
  const temp: Claim = provisionalClaim(article.id, candidate.start, candidate.end, candidate.text);
  temp.claimant = candidate.data.speaker ?? "";
  setCandidateStatus(store, id, "accepted");
  putClaim(store, temp);
  select(store, `claim:${temp.id}`);
  try {
    const claim = await api.acceptCandidate(store.get().index, id);
    putClaim(store, claim, temp.id);
  } catch (error) {
    setCandidateStatus(store, id, "open");
    store.set((s) => ({ claims: s.claims.filter((c) => c.id !== temp.id), selected: `cand:${id}` }));
    fail(store, error, "accept the candidate");
  }
}

export async function dismissCandidate(store: WorkspaceStore, id: number): Promise<void> {
  const selectedNext = store.get().selected === `cand:${id}` ? neighbour(store, id) : store.get().selected;
  setCandidateStatus(store, id, "dismissed");
  select(store, selectedNext);
  try {
    await api.dismissCandidate(id);
  } catch (error) {
    setCandidateStatus(store, id, "open");
    fail(store, error, "dismiss the candidate");
  }
}

function provisionalClaim(article: number, start: number, end: number, exact: string): Claim {
  return {
    id: tempIds--,
    article,
    start,
    end,
    exact,
    prefix: "",
    suffix: "",
    anchor_status: "anchored",
    statement: exact,
    claimant: "",
    claim_date: null,
    status: "draft",
    verdict: null,
    rationale: "",
    version: 0,
    citations_count: 0,
    created_by: null,
    updated_at: "",
  };
}

/** Make a claim of [start, end) (UTF-16 offsets into the article's text). */
export async function makeClaim(store: WorkspaceStore, start: number, end: number): Promise<void> {
  const { article, index } = store.get();
  if (!article || start >= end) return;
  const exact = article.text.slice(start, end);
  const temp = provisionalClaim(article.id, start, end, exact);
  putClaim(store, temp);
  select(store, `claim:${temp.id}`);
  try {
    const claim = await api.createClaim(index, article.id, start, end, exact, { statement: exact.trim() });
    putClaim(store, claim, temp.id);
  } catch (error) {
    store.set((s) => ({ claims: s.claims.filter((c) => c.id !== temp.id), selected: null }));
    fail(store, error, "make the claim");
  }
}

export function editDraft(store: WorkspaceStore, claimId: number, patch: Partial<ClaimDraft>) {
  store.set((s) => {
    const claim = s.claims.find((c) => c.id === claimId);
    if (!claim) return {};
    const draft = { ...(s.drafts[claimId] ?? draftOf(claim)), ...patch };
    return { drafts: { ...s.drafts, [claimId]: draft } };
  });
}

export function pickVerdict(store: WorkspaceStore, claimId: number, verdict: number | null) {
  editDraft(store, claimId, { verdict });
}

function dropDraft(store: WorkspaceStore, claimId: number) {
  store.set((s) => {
    const drafts = { ...s.drafts };
    delete drafts[claimId];
    return { drafts };
  });
}

/** Save the claim's draft; a 409 opens the conflict dialog instead of overwriting. */
export async function saveClaim(store: WorkspaceStore, claimId: number): Promise<boolean> {
  const state = store.get();
  const claim = state.claims.find((c) => c.id === claimId);
  const draft = state.drafts[claimId];
  if (!claim || claim.id < 0) return false;
  if (!draft) return true;
  store.set({ busy: true, notice: "" });
  try {
    const saved = await api.updateClaim(state.index, claimId, claim.version, draft);
    putClaim(store, saved);
    dropDraft(store, claimId);
    return true;
  } catch (error) {
    if (error instanceof ApiError && error.status === 409 && error.body.current) {
      const theirs = api.claimFromWire(state.index, error.body.current as Claim);
      store.set({ conflict: { claimId, base: draftOf(claim), mine: draft, theirs } });
    } else fail(store, error, "save the claim");
    return false;
  } finally {
    store.set({ busy: false });
  }
}

/** Resolve a conflict: keep theirs, keep mine, or the merged draft the person chose. */
export async function resolveConflict(store: WorkspaceStore, choice: ClaimDraft | "theirs") {
  const conflict = store.get().conflict;
  if (!conflict) return;
  putClaim(store, conflict.theirs);
  store.set({ conflict: null });
  if (choice === "theirs") {
    dropDraft(store, conflict.claimId);
    return;
  }
  editDraft(store, conflict.claimId, choice);
  await saveClaim(store, conflict.claimId);
}

// Range changes of one claim are sent one after another: a quick second nudge must carry
// the version the first one produced, not the one it started from (else a 409).
const rangeQueue = new Map<number, Promise<void>>();

export function setRange(store: WorkspaceStore, claimId: number, start: number, end: number): Promise<void> {
  const { claims, article } = store.get();
  const before = claims.find((c) => c.id === claimId);
  if (!before || !article || start >= end) return Promise.resolve();
  const exact = article.text.slice(start, end);
  putClaim(store, { ...before, start, end, exact });
  const send = async () => {
    const { claims: now, index } = store.get();
    const version = now.find((c) => c.id === claimId)?.version ?? before.version;
    try {
      putClaim(store, await api.updateClaim(index, claimId, version, { start, end, exact }));
    } catch (error) {
      putClaim(store, before);
      if (error instanceof ApiError && error.status === 409 && error.body.current)
        putClaim(store, api.claimFromWire(index, error.body.current as Claim));
      fail(store, error, "move the claim");
    }
  };
  const queued = (rangeQueue.get(claimId) ?? Promise.resolve()).then(send);
  rangeQueue.set(claimId, queued);
  return queued;
}

export async function submitClaim(store: WorkspaceStore, claimId: number): Promise<void> {
  if (!(await saveClaim(store, claimId))) return;
  const claim = store.get().claims.find((c) => c.id === claimId);
  if (!claim) return;
  store.set({ busy: true, notice: "" });
  try {
    putClaim(store, await api.transitionClaim(store.get().index, claimId, "submit", claim.version));
    store.set({ notice: "Submitted for review." });
  } catch (error) {
    fail(store, error, "submit the claim");
  } finally {
    store.set({ busy: false });
  }
}

/** After a citation changed, the claim's version moved on: fetch it again. */
export async function refreshClaim(store: WorkspaceStore, claimId: number) {
  putClaim(store, await api.getClaim(store.get().index, claimId));
}
