// The selected claim's editor: the claim as checked, claimant, date, citations, verdict
// with rationale, range adjustment, save and submit for review.
import { useState } from "preact/hooks";
import { useStore } from "../../store";
import { History } from "../review/History";
import type { ClaimDraft } from "../../api/types";
import { editDraft, pickVerdict, refreshClaim, saveClaim, setRange, submitClaim } from "./actions";
import { currentSelectionSpan } from "./ArticleText";
import { Citations } from "./Citations";
import { draftOf, isDirty, type WorkspaceStore } from "./state";

const EDITABLE = new Set(["draft", "returned"]);

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

export function ClaimEditor({ store }: { store: WorkspaceStore }) {
  const selected = useStore(store, (s) => s.selected);
  const claims = useStore(store, (s) => s.claims);
  const drafts = useStore(store, (s) => s.drafts);
  const labels = useStore(store, (s) => s.labels);
  const busy = useStore(store, (s) => s.busy);
  const text = useStore(store, (s) => s.article?.text ?? "");
  const claim = selected?.startsWith("claim:") ? claims.find((c) => `claim:${c.id}` === selected) : undefined;
  if (!claim) {
    return (
      <section class="panel-section editor" aria-label="Claim editor">
        <h2>Claim</h2>
        <p class="empty">Select a claim to edit it, or select text and press c to make one.</p>
      </section>
    );
  }
  const draft: ClaimDraft = drafts[claim.id] ?? draftOf(claim);
  const dirty = isDirty(store.get(), claim);
  const saving = claim.id < 0;
  const locked = !EDITABLE.has(claim.status);
  const set = (patch: Partial<ClaimDraft>) => editDraft(store, claim.id, patch);

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
    <section class="panel-section editor" aria-label="Claim editor">
      <div class="section-head">
        <h2>Claim</h2>
        <span class="status-pill">{claim.status.replace("_", " ")}</span>
        {dirty && <span class="unsaved">unsaved</span>}
      </div>
      <blockquote class="exact">{claim.exact}</blockquote>
      <div class="range-tools" role="group" aria-label="Adjust the claim's range">
        <button type="button" class="small" aria-label="Set range to selection" disabled={saving || locked} onClick={() => {
          const span = currentSelectionSpan(store, document.querySelector(".article-text"));
          if (span) void setRange(store, claim.id, span.start, span.end);
          else store.set({ notice: "Select the new range in the text first." });
        }}>
          Set range
        </button>
        <span class="gap" aria-hidden="true">start</span>
        <button type="button" class="small" disabled={saving || locked} onClick={() => adjust("start", 1)} aria-label="Extend start by a word">+</button>
        <button type="button" class="small" disabled={saving || locked} onClick={() => adjust("start", -1)} aria-label="Shrink start by a word">−</button>
        <span class="gap" aria-hidden="true">end</span>
        <button type="button" class="small" disabled={saving || locked} onClick={() => adjust("end", -1)} aria-label="Shrink end by a word">−</button>
        <button type="button" class="small" disabled={saving || locked} onClick={() => adjust("end", 1)} aria-label="Extend end by a word">+</button>
      </div>
      <label>
        Claim as checked
        <textarea rows={3} value={draft.statement} disabled={locked} onInput={(e) => set({ statement: e.currentTarget.value })} />
      </label>
      <div class="form-row">
        <label>
          Claimant
          <input value={draft.claimant} disabled={locked} onInput={(e) => set({ claimant: e.currentTarget.value })} />
        </label>
        <label>
          Claim date
          <input type="date" value={draft.claim_date ?? ""} disabled={locked} onInput={(e) => set({ claim_date: e.currentTarget.value || null })} />
        </label>
      </div>
      {claim.id > 0 && <Citations claimId={claim.id} claimStatus={claim.status} onChanged={() => void refreshClaim(store, claim.id)} />}
      <fieldset class="verdicts" disabled={locked}>
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
        <label>
          Rationale
          <textarea rows={4} value={draft.rationale} onInput={(e) => set({ rationale: e.currentTarget.value })} />
        </label>
      </fieldset>
      <div class="editor-actions">
        <button type="button" class="primary" disabled={busy || saving || !dirty} onClick={() => saveClaim(store, claim.id)}>
          Save
        </button>
        {EDITABLE.has(claim.status) && (
          <button type="button" disabled={busy || saving} onClick={() => submitClaim(store, claim.id)}>
            Submit for review
          </button>
        )}
      </div>
      {claim.id > 0 && (
        <ClaimHistory
          claimId={claim.id}
          version={claim.version}
          name={(id) => labels.find((l) => l.id === id)?.name ?? String(id ?? "none")}
        />
      )}
    </section>
  );
}
