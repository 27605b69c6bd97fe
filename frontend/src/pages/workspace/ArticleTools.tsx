// Article-level tools in the reader's header: who it is assigned to (editors change it)
// and "Add revision…" (a correction: paste the corrected text or fetch the URL again, see
// the diff and what happens to each claim, apply with a note).
import { useEffect, useRef, useState } from "preact/hooks";
import { ApiError, api } from "../../api/client";
import { usePeople } from "../../api/people";
import type { DiffHunk } from "../../components/RevisionBanner";
import { useStore } from "../../store";
import { flushSaves, loadWorkspace } from "./actions";
import type { WorkspaceStore } from "./state";

interface ClaimOutcome {
  id: number;
  statement: string;
  exact: string;
  status: string;
  outcome: "kept" | "moved" | "fuzzy" | "orphaned";
  new_exact: string | null;
}

interface Preview {
  text: string;
  html: string;
  diff: { paragraphs: { added: number; removed: number; changed: number }; hunks: DiffHunk[] };
  claims: ClaimOutcome[];
  counts: Record<ClaimOutcome["outcome"], number>;
}

const OUTCOME: Record<ClaimOutcome["outcome"], string> = {
  kept: "stays where it is",
  moved: "moves with its text",
  fuzzy: "re-attached to changed text (check it)",
  orphaned: "loses its place (re-attach it by hand)",
};

function RevisionDialog({ store, open, onClose }: { store: WorkspaceStore; open: boolean; onClose: () => void }) {
  const article = useStore(store, (s) => s.article);
  const ref = useRef<HTMLDialogElement>(null);
  const [mode, setMode] = useState<"paste" | "refetch">("paste");
  const [text, setText] = useState("");
  const [note, setNote] = useState("");
  const [preview, setPreview] = useState<Preview | null>(null);
  const [error, setError] = useState<{ field: string; message: string } | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (open && !ref.current?.open) {
      setText(article?.text ?? "");
      setPreview(null);
      setError(null);
      setNote("");
      setMode("paste");
      ref.current?.showModal();
    }
    if (!open && ref.current?.open) ref.current.close();
  }, [open]);

  if (!article) return null;

  function problem(e: unknown) {
    if (e instanceof ApiError) {
      const field = ["text", "refetch", "url", "note", "html"].find((f) => e.fieldError(f)) ?? "form";
      setError({ field, message: e.fieldError(field) ?? e.message });
    } else setError({ field: "form", message: "The server did not answer." });
  }

  async function showPreview() {
    setBusy(true);
    setError(null);
    try {
      const body = mode === "refetch" ? { refetch: true } : { text };
      setPreview(await api<Preview>(`/api/articles/${article!.id}/revisions/preview/`, { method: "POST", body }));
    } catch (e) {
      problem(e);
    } finally {
      setBusy(false);
    }
  }

  async function apply() {
    if (!preview) return;
    setBusy(true);
    setError(null);
    try {
      // Unsaved edits go first: the claims are about to move.
      await flushSaves(store);
      await api(`/api/articles/${article!.id}/revisions/`, {
        method: "POST",
        body: { text: preview.text, html: preview.html, note },
      });
      await loadWorkspace(store, article!.id);
      store.set({ notice: `Revision applied${note ? `: ${note}` : ""}.` });
      onClose();
    } catch (e) {
      problem(e);
    } finally {
      setBusy(false);
    }
  }

  const fieldError = (field: string) =>
    error?.field === field ? (
      <p class="field-error" id={`revision-${field}-error`}>
        {error.message}
      </p>
    ) : null;

  return (
    <dialog ref={ref} class="revision-dialog" aria-labelledby="revision-title" onClose={onClose}>
      <h2 id="revision-title">Add a revision</h2>
      {!preview ? (
        <>
          <fieldset class="segmented-field">
            <legend>Where the corrected text comes from</legend>
            <label class="choice">
              <input type="radio" name="revision-mode" checked={mode === "paste"} onChange={() => setMode("paste")} />
              Paste the corrected text
            </label>
            <label class="choice">
              <input
                type="radio"
                name="revision-mode"
                checked={mode === "refetch"}
                disabled={!article.url}
                onChange={() => setMode("refetch")}
              />
              Fetch the article's URL again{article.url ? "" : " (this article has no URL)"}
            </label>
          </fieldset>
          {mode === "paste" ? (
            <label class="block">
              Corrected text
              <textarea
                rows={12}
                value={text}
                aria-invalid={error?.field === "text" ? "true" : undefined}
                aria-describedby={error?.field === "text" ? "revision-text-error" : undefined}
                onInput={(e) => setText(e.currentTarget.value)}
              />
            </label>
          ) : (
            <p class="muted">The page at {article.url} is fetched again and its main text extracted.</p>
          )}
          {fieldError("text")}
          {fieldError("refetch")}
          {fieldError("url")}
        </>
      ) : (
        <div class="revision-preview" role="region" aria-label="Preview of the revision">
          <p>
            {preview.diff.paragraphs.changed} changed, {preview.diff.paragraphs.added} added,{" "}
            {preview.diff.paragraphs.removed} removed paragraphs.
          </p>
          <ul class="diff-hunks" aria-label="What changes">
            {preview.diff.hunks.slice(0, 30).map((h, i) => (
              <li key={i}>
                {h.removed && <del>{h.words?.removed || h.removed}</del>} {h.added && <ins>{h.words?.added || h.added}</ins>}
              </li>
            ))}
          </ul>
          <table class="outcomes" aria-label="What happens to each claim">
            <thead>
              <tr>
                <th scope="col">Claim</th>
                <th scope="col">Outcome</th>
              </tr>
            </thead>
            <tbody>
              {preview.claims.map((c) => (
                <tr key={c.id} class={`o-${c.outcome}`}>
                  <td>{c.statement || c.exact}</td>
                  <td>{OUTCOME[c.outcome]}</td>
                </tr>
              ))}
              {!preview.claims.length && (
                <tr>
                  <td colSpan={2}>No claims on this article.</td>
                </tr>
              )}
            </tbody>
          </table>
          <label class="block">
            Note (shown with the revision)
            <input value={note} maxLength={500} onInput={(e) => setNote(e.currentTarget.value)} placeholder="e.g. Corrected the date in paragraph 3" />
          </label>
        </div>
      )}
      {fieldError("form")}
      <div class="dialog-actions">
        <button type="button" onClick={onClose}>
          Cancel
        </button>
        {preview ? (
          <>
            <button type="button" onClick={() => setPreview(null)} disabled={busy}>
              Back
            </button>
            <button type="button" class="primary" onClick={() => void apply()} disabled={busy}>
              Apply revision
            </button>
          </>
        ) : (
          <button type="button" class="primary" onClick={() => void showPreview()} disabled={busy}>
            Preview
          </button>
        )}
      </div>
    </dialog>
  );
}

function AssignArticle({ store }: { store: WorkspaceStore }) {
  const article = useStore(store, (s) => s.article);
  const people = usePeople(true);
  const [error, setError] = useState("");
  if (!article) return null;
  return (
    <label class="inline">
      Assigned to
      <select
        value={article.assignee?.id ?? ""}
        aria-describedby={error ? "assign-article-error" : undefined}
        onChange={async (e) => {
          const value = e.currentTarget.value;
          setError("");
          try {
            await api(`/api/articles/${article.id}/assign/`, {
              method: "POST",
              body: { assignee: value ? Number(value) : null },
            });
            const person = people.find((p) => p.id === Number(value));
            store.set({
              article: { ...article, assignee: person ? { id: person.id, username: person.username, display_name: person.display_name } : null },
              notice: person ? `Assigned to ${person.display_name}.` : "Unassigned.",
            });
          } catch (err) {
            setError(err instanceof ApiError ? err.message : "Not assigned.");
          }
        }}
      >
        <option value="">Nobody</option>
        {people.map((p) => (
          <option key={p.id} value={p.id}>
            {p.display_name}
          </option>
        ))}
      </select>
      {error && (
        <span class="field-error" id="assign-article-error">
          {error}
        </span>
      )}
    </label>
  );
}

export function ArticleTools({ store }: { store: WorkspaceStore }) {
  const me = useStore(store, (s) => s.me);
  const assignee = useStore(store, (s) => s.article?.assignee);
  const [revising, setRevising] = useState(false);
  const isEditor = me?.role === "editor" || me?.role === "admin";
  return (
    <div class="article-tools">
      {isEditor ? (
        <AssignArticle store={store} />
      ) : (
        assignee && <span class="muted">Assigned to {assignee.display_name}</span>
      )}
      <button type="button" class="small" onClick={() => setRevising(true)}>
        Add revision…
      </button>
      <RevisionDialog store={store} open={revising} onClose={() => setRevising(false)} />
    </div>
  );
}
