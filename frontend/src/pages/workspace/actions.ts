// What the reviewer does in the workspace. Each action updates the store first (the view
// answers at once) and then talks to the API, rolling back with a notice if it fails.
import { ApiError } from "../../api/client";
import { sentencesIn } from "../../api/edge";
import type { Candidate, Claim, ClaimDraft } from "../../api/types";
import * as api from "../../api/workspace";
import { articleState, draftOf, isDirty, openCandidates, type SaveState, type WorkspaceStore } from "./state";

let tempIds = -1;

function fail(store: WorkspaceStore, error: unknown, what: string) {
  const message = error instanceof ApiError ? error.message : `Could not ${what}: the server did not answer.`;
  store.set({ notice: message });
}

function putClaim(store: WorkspaceStore, claim: Claim, replace: number = claim.id) {
  const carried = replace !== claim.id && !!store.get().drafts[replace];
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
  if (carried) scheduleAutosave(store, claim.id);
}

export async function loadWorkspace(store: WorkspaceStore, id: number): Promise<void> {
  // One request (article, claims, candidates, labels): they land in the store together,
  // so a claim made while a list was loading cannot be overwritten by an older list.
  const ws = await api.getWorkspace(id);
  store.set({
    labels: ws.labels,
    claims: ws.claims,
    candidates: ws.candidates,
    tagging: ws.article.tagging_status,
    ...articleState(ws.article, sentencesIn(ws.index, ws.article.sentences ?? []), ws.index),
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
      const ws = await api.getWorkspace(id, store.get().index);
      if (stop()) return;
      store.set({ sentences: sentencesIn(ws.index, ws.article.sentences ?? []), tagging: ws.article.tagging_status });
      mergeCandidates(store, ws.candidates);
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

function setCandidateStatus(
  store: WorkspaceStore,
  id: number,
  status: "open" | "accepted" | "dismissed",
  claim: number | null = null,
) {
  store.set((s) => ({ candidates: s.candidates.map((c) => (c.id === id ? { ...c, status, claim } : c)) }));
}

/** The open candidate after `id` in the panel's order (to keep j/k flowing). */
function neighbour(store: WorkspaceStore, id: number): string | null {
  const list = openCandidates(store.get());
  const at = list.findIndex((c) => c.id === id);
  const next = list[at + 1] ?? list[at - 1];
  return next ? `cand:${next.id}` : null;
}

// --- Undo -------------------------------------------------------------------------------

/** How long an action's "Undo" is offered (and a deleted draft kept back from the server). */
export const UNDO_MS = 8000;
let undoIds = 0;
let undoTimer: ReturnType<typeof setTimeout> | undefined;

export function offerUndo(store: WorkspaceStore, message: string, run: () => Promise<void> | void) {
  const offer = { id: ++undoIds, message, run };
  store.set({ undo: offer, notice: "" });
  clearTimeout(undoTimer);
  undoTimer = setTimeout(() => {
    if (store.get().undo?.id === offer.id) store.set({ undo: null });
  }, UNDO_MS);
}

/** Undo the last action, if it still may be (the toast's button, or `z`). */
export async function runUndo(store: WorkspaceStore): Promise<boolean> {
  const offer = store.get().undo;
  if (!offer) return false;
  store.set({ undo: null });
  try {
    await offer.run();
    store.set({ notice: "Undone." });
  } catch (error) {
    fail(store, error, "undo");
  }
  return true;
}

/** Remove a claim from the view and delete it on the server (rolled back on failure). */
async function deleteNow(store: WorkspaceStore, claimId: number): Promise<void> {
  const before = store.get().claims.find((c) => c.id === claimId);
  cancelAutosave(store, claimId);
  store.set((s) => ({
    claims: s.claims.filter((c) => c.id !== claimId),
    selected: s.selected === `claim:${claimId}` ? null : s.selected,
  }));
  try {
    await api.deleteClaim(claimId);
  } catch (error) {
    if (before) putClaim(store, before);
    throw error;
  }
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
  const made = api.acceptCandidate(store.get().index, id);
  offerUndo(store, "Candidate accepted as a claim.", async () => {
    const claim = await made;
    // Deleting the claim releases the candidate; reopening puts it back in the list.
    await deleteNow(store, claim.id);
    await api.reopenCandidate(id).catch(() => undefined);
    setCandidateStatus(store, id, "open");
    select(store, `cand:${id}`);
  });
  try {
    const claim = await made;
    putClaim(store, claim, temp.id);
    setCandidateStatus(store, id, "accepted", claim.id);
  } catch (error) {
    setCandidateStatus(store, id, "open");
    store.set((s) => ({ claims: s.claims.filter((c) => c.id !== temp.id), selected: `cand:${id}`, undo: null }));
    fail(store, error, "accept the candidate");
  }
}

export async function dismissCandidate(store: WorkspaceStore, id: number): Promise<void> {
  const selectedNext = store.get().selected === `cand:${id}` ? neighbour(store, id) : store.get().selected;
  setCandidateStatus(store, id, "dismissed");
  select(store, selectedNext);
  const done = api.dismissCandidate(id);
  offerUndo(store, "Candidate dismissed.", async () => {
    await done;
    await reopenCandidate(store, id);
  });
  try {
    await done;
  } catch (error) {
    setCandidateStatus(store, id, "open");
    store.set({ undo: null });
    fail(store, error, "dismiss the candidate");
  }
}

/** Bring a dismissed candidate back to the open list. */
export async function reopenCandidate(store: WorkspaceStore, id: number): Promise<void> {
  const before = store.get().candidates.find((c) => c.id === id);
  if (!before) return;
  setCandidateStatus(store, id, "open");
  try {
    await api.reopenCandidate(id);
    select(store, `cand:${id}`);
  } catch (error) {
    setCandidateStatus(store, id, before.status, before.claim);
    fail(store, error, "reopen the candidate");
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
  const made = api.createClaim(index, article.id, start, end, exact, { statement: exact.trim() });
  offerUndo(store, "Claim made.", async () => {
    const claim = await made;
    await deleteNow(store, claim.id);
  });
  try {
    putClaim(store, await made, temp.id);
  } catch (error) {
    store.set((s) => ({ claims: s.claims.filter((c) => c.id !== temp.id), selected: null, undo: null }));
    fail(store, error, "make the claim");
  }
}

// A deleted draft stays deletable-back for UNDO_MS: the DELETE is sent when the offer
// ends (or the page is left), so "Undo" just puts the claim back, history untouched.
const pendingDeletes = new Map<number, { store: WorkspaceStore; claim: Claim; timer: ReturnType<typeof setTimeout> }>();

export function deleteDraft(store: WorkspaceStore, claimId: number) {
  const claim = store.get().claims.find((c) => c.id === claimId);
  if (!claim || claim.id < 0) return;
  cancelAutosave(store, claimId);
  store.set((s) => ({
    claims: s.claims.filter((c) => c.id !== claimId),
    selected: s.selected === `claim:${claimId}` ? null : s.selected,
  }));
  const timer = setTimeout(() => void commitDelete(claimId), UNDO_MS);
  pendingDeletes.set(claimId, { store, claim, timer });
  offerUndo(store, "Claim deleted.", () => {
    const pending = pendingDeletes.get(claimId);
    if (!pending) throw new Error("The claim has been deleted already.");
    clearTimeout(pending.timer);
    pendingDeletes.delete(claimId);
    putClaim(store, claim);
    select(store, `claim:${claimId}`);
  });
}

async function commitDelete(claimId: number, keepalive = false): Promise<void> {
  const pending = pendingDeletes.get(claimId);
  if (!pending) return;
  pendingDeletes.delete(claimId);
  clearTimeout(pending.timer);
  const { store, claim } = pending;
  try {
    await api.deleteClaim(claimId, keepalive);
  } catch (error) {
    putClaim(store, claim);
    fail(store, error, "delete the claim");
    return;
  }
  // The server released the claim's candidates: back to the open list.
  const released = store.get().candidates.filter((c) => c.claim === claimId);
  for (const c of released) {
    await api.reopenCandidate(c.id).catch(() => undefined);
    setCandidateStatus(store, c.id, "open");
  }
}

/** Send every deletion still waiting for its undo window (when the page is left). */
export function flushDeletes(keepalive = false): Promise<void> {
  return Promise.all([...pendingDeletes.keys()].map((id) => commitDelete(id, keepalive))).then(() => undefined);
}

// --- Editing and saving -----------------------------------------------------------------

/** Edits are saved this long after the last keystroke or click. */
export const AUTOSAVE_MS = 700;
const autosaveTimers = new Map<number, ReturnType<typeof setTimeout>>();
const inflight = new Map<number, Promise<boolean>>();

function setSaveState(store: WorkspaceStore, claimId: number, state: SaveState | null) {
  store.set((s) => {
    const saveState = { ...s.saveState };
    if (state) saveState[claimId] = state;
    else delete saveState[claimId];
    return { saveState };
  });
}

function setErrors(store: WorkspaceStore, claimId: number, errors: Record<string, string> | null) {
  store.set((s) => {
    const all = { ...s.errors };
    if (errors && Object.keys(errors).length) all[claimId] = errors;
    else delete all[claimId];
    return { errors: all };
  });
}

/** The problems a 400 names, field by field (the first message of each). */
export function fieldErrors(body: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(body)) {
    if (key === "current") continue;
    const message = Array.isArray(value) ? value.map(String).join(" ") : typeof value === "string" ? value : "";
    if (message) out[key === "detail" || key === "non_field_errors" ? "_form" : key] = message;
  }
  // The server's `detail` restates the named fields; under each field is where they go.
  if (Object.keys(out).some((k) => k !== "_form")) delete out._form;
  return out;
}

function scheduleAutosave(store: WorkspaceStore, claimId: number) {
  clearTimeout(autosaveTimers.get(claimId));
  setSaveState(store, claimId, "pending");
  autosaveTimers.set(
    claimId,
    setTimeout(() => {
      autosaveTimers.delete(claimId);
      void saveClaim(store, claimId);
    }, AUTOSAVE_MS),
  );
}

function cancelAutosave(store: WorkspaceStore, claimId: number) {
  clearTimeout(autosaveTimers.get(claimId));
  autosaveTimers.delete(claimId);
  dropDraft(store, claimId);
  setSaveState(store, claimId, null);
}

export function editDraft(store: WorkspaceStore, claimId: number, patch: Partial<ClaimDraft>) {
  store.set((s) => {
    const claim = s.claims.find((c) => c.id === claimId);
    if (!claim) return {};
    const draft = { ...(s.drafts[claimId] ?? draftOf(claim)), ...patch };
    const errors = { ...s.errors };
    if (errors[claimId]) {
      // A field's problem goes away when the field is edited.
      const left = { ...errors[claimId] };
      for (const key of Object.keys(patch)) delete left[key];
      delete left._form;
      errors[claimId] = left;
    }
    return { drafts: { ...s.drafts, [claimId]: draft }, errors };
  });
  if (claimId > 0) scheduleAutosave(store, claimId);
}

export function pickVerdict(store: WorkspaceStore, claimId: number, verdict: number | null) {
  editDraft(store, claimId, { verdict });
}

function dropDraft(store: WorkspaceStore, claimId: number) {
  store.set((s) => {
    if (!s.drafts[claimId]) return {};
    const drafts = { ...s.drafts };
    delete drafts[claimId];
    return { drafts };
  });
}

/** Save the claim's draft now; a 409 opens the conflict dialog instead of overwriting.
 * Saves of one claim run one after another, each with the version the last produced. */
export async function saveClaim(store: WorkspaceStore, claimId: number): Promise<boolean> {
  const prior = inflight.get(claimId);
  if (prior) await prior.catch(() => false);
  const run = doSave(store, claimId);
  inflight.set(claimId, run);
  try {
    return await run;
  } finally {
    if (inflight.get(claimId) === run) inflight.delete(claimId);
  }
}

async function doSave(store: WorkspaceStore, claimId: number): Promise<boolean> {
  clearTimeout(autosaveTimers.get(claimId));
  autosaveTimers.delete(claimId);
  const state = store.get();
  const claim = state.claims.find((c) => c.id === claimId);
  const draft = state.drafts[claimId];
  if (!claim || claim.id < 0) return false;
  if (!draft || !isDirty(state, claim)) {
    dropDraft(store, claimId);
    if (state.saveState[claimId] === "pending") setSaveState(store, claimId, null);
    return true;
  }
  setSaveState(store, claimId, "saving");
  try {
    const saved = await api.updateClaim(state.index, claimId, claim.version, draft);
    // Edits made while the request was out stay as the draft (and are saved next).
    const newer = store.get().drafts[claimId] !== draft;
    putClaim(store, saved);
    if (!newer) dropDraft(store, claimId);
    setErrors(store, claimId, null);
    if (newer) scheduleAutosave(store, claimId);
    else setSaveState(store, claimId, "saved");
    return true;
  } catch (error) {
    setSaveState(store, claimId, "error");
    if (error instanceof ApiError && error.status === 409 && error.body.current) {
      const theirs = api.claimFromWire(state.index, error.body.current as Claim);
      if (theirs.status !== claim.status || !["draft", "returned"].includes(theirs.status)) {
        // Not an edit race: the claim moved on (e.g. went to review); show why, keep the draft.
        putClaim(store, { ...theirs });
        setErrors(store, claimId, { _form: error.message });
      } else store.set({ conflict: { claimId, base: draftOf(claim), mine: draft, theirs } });
    } else if (error instanceof ApiError && error.status === 400) {
      setErrors(store, claimId, fieldErrors(error.body));
    } else {
      setErrors(store, claimId, {
        _form: error instanceof ApiError ? error.message : "Not saved: the server did not answer. Your edits are kept here.",
      });
    }
    return false;
  }
}

/** True while any edit is not yet on the server (a draft, a timer, a request). */
export function hasUnsaved(store: WorkspaceStore): boolean {
  const state = store.get();
  if (autosaveTimers.size || inflight.size) return true;
  return state.claims.some((c) => isDirty(state, c));
}

/** Save every unsaved draft now (Ctrl/⌘+S, leaving the page); true when all are saved. */
export async function flushSaves(store: WorkspaceStore): Promise<boolean> {
  const state = store.get();
  const ids = new Set<number>([...autosaveTimers.keys(), ...inflight.keys()]);
  for (const c of state.claims) if (isDirty(state, c)) ids.add(c.id);
  const results = await Promise.all([...ids].map((id) => saveClaim(store, id)));
  return results.every(Boolean);
}

/** Resolve a conflict: keep theirs, keep mine, or the merged draft the person chose. */
export async function resolveConflict(store: WorkspaceStore, choice: ClaimDraft | "theirs") {
  const conflict = store.get().conflict;
  if (!conflict) return;
  putClaim(store, conflict.theirs);
  store.set({ conflict: null });
  if (choice === "theirs") {
    dropDraft(store, conflict.claimId);
    setSaveState(store, conflict.claimId, null);
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
  if (!(await saveClaim(store, claimId))) {
    if (!store.get().errors[claimId]?._form)
      setErrors(store, claimId, { ...store.get().errors[claimId], _form: "Not submitted: the claim could not be saved." });
    return;
  }
  const claim = store.get().claims.find((c) => c.id === claimId);
  if (!claim) return;
  store.set({ busy: true, notice: "" });
  try {
    putClaim(store, await api.transitionClaim(store.get().index, claimId, "submit", claim.version));
    setErrors(store, claimId, null);
    store.set({ notice: "Submitted for review." });
  } catch (error) {
    if (error instanceof ApiError && error.status === 400) {
      const errors = fieldErrors(error.body);
      const named = Object.keys(errors).filter((k) => k !== "_form");
      errors._form = `Not submitted: ${named.length ? named.map((k) => errors[k]).join(" ") : (errors._form ?? error.message)}`;
      setErrors(store, claimId, errors);
    } else {
      setErrors(store, claimId, {
        _form: error instanceof ApiError ? error.message : "Not submitted: the server did not answer.",
      });
    }
  } finally {
    store.set({ busy: false });
  }
}

/** After a citation changed, the claim's version moved on: fetch it again. */
export async function refreshClaim(store: WorkspaceStore, claimId: number) {
  putClaim(store, await api.getClaim(store.get().index, claimId));
}

/** Assign the claim to someone (editors), through the claim's versioned update. */
export async function assignClaim(store: WorkspaceStore, claimId: number, assignee: number | null) {
  const claim = store.get().claims.find((c) => c.id === claimId);
  if (!claim || claim.id < 0) return;
  try {
    putClaim(store, await api.updateClaim(store.get().index, claimId, claim.version, { assignee }));
    store.set({ notice: assignee ? "Claim assigned." : "Claim unassigned." });
  } catch (error) {
    setErrors(store, claimId, { assignee: error instanceof ApiError ? error.message : "Not assigned." });
  }
}
