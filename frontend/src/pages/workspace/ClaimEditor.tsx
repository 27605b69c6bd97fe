// The selected claim's editor, in a pane of its own: a scrolling body (the claim as
// checked, claimant, date, evidence, verdict with rationale, history) and a footer that is
// always in view (save state, Save, Submit, Delete draft, and the action's errors).
// Edits save themselves (debounced, versioned); a field's server error is shown under it.
import { useEffect, useRef, useState } from "preact/hooks";
import { useStore } from "../../store";
import { History } from "../review/History";
import type { Claim, ClaimDraft, Comment } from "../../api/types";
import { getComments } from "../../api/workspace";
import { usePeople } from "../../api/people";
import {
  assignClaim,
  deleteDraft,
  editDraft,
  pickVerdict,
  refreshClaim,
  saveClaim,
  setRange,
  submitClaim,
} from "./actions";
import { currentSelectionSpan } from "./ArticleText";
import { CheckedBefore } from "../../components/CheckedBefore";
import { Citations } from "./Citations";
import { draftOf, isDirty, type SaveState, type WorkspaceStore } from "./state";

const EDITABLE = new Set(["draft", "returned"]);

const SAVE_TEXT: Record<SaveState, string> = {
  pending: "unsaved",
  saving: "saving…",
  saved: "saved",
  error: "not saved",
};

function ClaimHistory({ claimId, version, name }: { claimId: number; version: number; name: (id: unknown) => string }) {
  // Fetched only when opened: the editor re-renders often.
  const [open, setOpen] = useState(false);
  return (
    <details class="history" onToggle={(e) => setOpen((e.currentTarget as HTMLDetailsElement).open)}>
      <summary>History</summary>
      {open && <History claimId={claimId} refreshKey={version} verdictName={name} />}
    </details>
  );
}

/** A returned claim shows the editor's comment on the claim itself, not only in History. */
function ReturnNote({ claim }: { claim: Claim }) {
  const [comment, setComment] = useState<Comment | null>(null);
  useEffect(() => {
    setComment(null);
    if (claim.status !== "returned" || claim.id < 0) return;
    let live = true;
    getComments(claim.id)
      .then((all) => live && setComment(all[all.length - 1] ?? null))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [claim.id, claim.status]);
  if (claim.status !== "returned") return null;
  return (
    <div class="return-note" role="note" aria-label="Returned by the editor">
      <strong>Returned{comment?.author ? ` by ${comment.author.display_name}` : ""}:</strong>{" "}
      {comment ? comment.body : "…"}
    </div>
  );
}

function FieldError({ id, message }: { id: string; message?: string }) {
  if (!message) return null;
  return (
    <p class="field-error" id={id}>
      {message}
    </p>
  );
}

export function ClaimEditor({ store }: { store: WorkspaceStore }) {
  const selected = useStore(store, (s) => s.selected);
  const claims = useStore(store, (s) => s.claims);
  const drafts = useStore(store, (s) => s.drafts);
  const labels = useStore(store, (s) => s.labels);
  const busy = useStore(store, (s) => s.busy);
  const saveStates = useStore(store, (s) => s.saveState);
  const allErrors = useStore(store, (s) => s.errors);
  const me = useStore(store, (s) => s.me);
  const text = useStore(store, (s) => s.article?.text ?? "");
  const body = useRef<HTMLDivElement>(null);
  const claim = selected?.startsWith("claim:") ? claims.find((c) => `claim:${c.id}` === selected) : undefined;
  const isEditor = me?.role === "editor" || me?.role === "admin";
  const people = usePeople(isEditor);
  const [citedCount, setCitedCount] = useState(0); // prior fact-checks cited from the panel

  // Selecting a claim brings its editor to the top of the pane.
  useEffect(() => {
    body.current?.scrollTo({ top: 0 });
  }, [claim?.id]);

  if (!claim) {
    return (
      <section class="editor" aria-label="Claim editor">
        <div class="editor-head">
          <h2>Claim</h2>
        </div>
        <div class="editor-body">
          <p class="empty">Select a claim to edit it, or select text and press c to make one.</p>
        </div>
      </section>
    );
  }
  const draft: ClaimDraft = drafts[claim.id] ?? draftOf(claim);
  const dirty = isDirty(store.get(), claim);
  const saveState: SaveState | undefined = saveStates[claim.id] ?? (dirty ? "pending" : undefined);
  const errors = allErrors[claim.id] ?? {};
  const saving = claim.id < 0;
  const locked = !EDITABLE.has(claim.status);
  const set = (patch: Partial<ClaimDraft>) => editDraft(store, claim.id, patch);
  const mine = !!me && (claim.created_by?.id === me.id || claim.created_by === null);
  const canDelete = claim.status === "draft" && (mine || me?.role === "admin");
  const err = (field: string) => `claim-${claim.id}-${field}-error`;
  const invalid = (field: string) => (errors[field] ? { "aria-invalid": "true" as const, "aria-describedby": err(field) } : {});
  const assigneeId = typeof claim.assignee === "object" ? claim.assignee?.id : claim.assignee;

  function adjust(which: "start" | "end", delta: number) {
    // Extend/shrink by one word at either end.
    let { start, end } = claim!;
    const step = (pos: number, dir: number) => {
      let p = pos + dir;
      while (p > 0 && p < text.length && /\S/.test(text[dir > 0 ? p : p - 1])) p += dir;
      return Math.max(0, Math.min(text.length, p));
    };
    if (which === "start") start = step(start, -delta);
    else end = step(end, delta);
    if (start < end) void setRange(store, claim!.id, start, end);
  }

  return (
    <section class="editor" aria-label="Claim editor">
      <div class="editor-head">
        <h2>Claim</h2>
        <span class="status-pill">{claim.status.replace("_", " ")}</span>
        <span class={`save-state s-${saveState ?? "none"}`} aria-live="polite">
          {saveState ? SAVE_TEXT[saveState] : ""}
        </span>
      </div>
      <div class="editor-body" ref={body}>
        <ReturnNote claim={claim} />
        <blockquote class="exact">{claim.exact}</blockquote>
        <div class="range-tools" role="group" aria-label="Adjust the claim's range">
          <button
            type="button"
            class="small"
            aria-label="Set range to selection"
            disabled={saving || locked}
            onClick={() => {
              const span = currentSelectionSpan(store, document.querySelector(".article-text"));
              if (span) void setRange(store, claim.id, span.start, span.end);
              else store.set({ notice: "Select the new range in the text first." });
            }}
          >
            Set range
          </button>
          <span class="gap" aria-hidden="true">start</span>
          <button type="button" class="small" disabled={saving || locked} onClick={() => adjust("start", 1)} aria-label="Start: extend by a word (+)">+</button>
          <button type="button" class="small" disabled={saving || locked} onClick={() => adjust("start", -1)} aria-label="Start: shrink by a word (−)">−</button>
          <span class="gap" aria-hidden="true">end</span>
          <button type="button" class="small" disabled={saving || locked} onClick={() => adjust("end", -1)} aria-label="End: shrink by a word (−)">−</button>
          <button type="button" class="small" disabled={saving || locked} onClick={() => adjust("end", 1)} aria-label="End: extend by a word (+)">+</button>
        </div>
        <label>
          Claim as checked
          <textarea rows={3} value={draft.statement} disabled={locked} {...invalid("statement")} onInput={(e) => set({ statement: e.currentTarget.value })} />
        </label>
        <FieldError id={err("statement")} message={errors.statement} />
        <div class="form-row">
          <label>
            Claimant
            <input value={draft.claimant} disabled={locked} {...invalid("claimant")} onInput={(e) => set({ claimant: e.currentTarget.value })} />
          </label>
          <label>
            Claim date
            <input type="date" value={draft.claim_date ?? ""} disabled={locked} {...invalid("claim_date")} onInput={(e) => set({ claim_date: e.currentTarget.value || null })} />
          </label>
        </div>
        <FieldError id={err("claimant")} message={errors.claimant} />
        <FieldError id={err("claim_date")} message={errors.claim_date} />
        {isEditor && claim.id > 0 && (
          <>
            <label>
              Assigned to
              <select
                value={assigneeId ?? ""}
                {...invalid("assignee")}
                onChange={(e) => void assignClaim(store, claim.id, e.currentTarget.value ? Number(e.currentTarget.value) : null)}
              >
                <option value="">Nobody</option>
                {people.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.display_name} ({p.role})
                  </option>
                ))}
              </select>
            </label>
            <FieldError id={err("assignee")} message={errors.assignee} />
          </>
        )}
        {/* The evidence slot: the citations and their capture state (Citations.tsx). */}
        <div class="evidence-slot" {...invalid("citations")}>
          {claim.id > 0 && (
            <Citations
              claimId={claim.id}
              claimStatus={claim.status}
              refreshKey={citedCount}
              onChanged={() => void refreshClaim(store, claim.id)}
            />
          )}
          {claim.id > 0 && (claim.status === "draft" || claim.status === "returned") && (
            <CheckedBefore
              claimId={claim.id}
              claimVersion={claim.version}
              onCited={() => {
                setCitedCount((n) => n + 1);
                void refreshClaim(store, claim.id);
              }}
            />
          )}
          <FieldError id={err("citations")} message={errors.citations} />
        </div>
        <fieldset class="verdicts" disabled={locked} {...invalid("verdict")}>
          <legend>Verdict</legend>
          <div role="radiogroup" aria-label="Verdict" class="verdict-scale">
            {labels.map((label, i) => (
              <label key={label.id} class={draft.verdict === label.id ? "verdict is-on" : "verdict"} style={{ "--v": label.colour }} title={label.description}>
                <input
                  type="radio"
                  name={`verdict-${claim.id}`}
                  checked={draft.verdict === label.id}
                  onChange={() => pickVerdict(store, claim.id, label.id)}
                />
                <span class="swatch" aria-hidden="true" />
                {label.name}
                {i < 9 && <kbd aria-hidden="true">{i + 1}</kbd>}
              </label>
            ))}
          </div>
          <FieldError id={err("verdict")} message={errors.verdict} />
          <label>
            Rationale
            <textarea rows={4} value={draft.rationale} {...invalid("rationale")} onInput={(e) => set({ rationale: e.currentTarget.value })} />
          </label>
          <FieldError id={err("rationale")} message={errors.rationale} />
        </fieldset>
        {claim.id > 0 && (
          <ClaimHistory
            claimId={claim.id}
            version={claim.version}
            name={(id) => labels.find((l) => l.id === id)?.name ?? String(id ?? "none")}
          />
        )}
      </div>
      <div class="editor-actions">
        <div class="form-error" role="alert" aria-live="assertive">
          {errors._form}
        </div>
        <div class="buttons">
          <button type="button" class="primary" disabled={saving} aria-keyshortcuts="Control+S" onClick={() => void saveClaim(store, claim.id)}>
            Save
          </button>
          {EDITABLE.has(claim.status) && (
            <button type="button" disabled={busy || saving} onClick={() => void submitClaim(store, claim.id)}>
              Submit for review
            </button>
          )}
          {canDelete && (
            <button type="button" class="danger" disabled={saving} onClick={() => deleteDraft(store, claim.id)}>
              Delete draft
            </button>
          )}
        </div>
      </div>
    </section>
  );
}
