// The reviewer's workspace for one article: the text on the left, the panel on the right.
import { useEffect, useMemo, useState } from "preact/hooks";
import { ApiError } from "../../api/client";
import { RevisionBanner } from "../../components/RevisionBanner";
import { isTyping, ShortcutsDialog } from "../../components/ShortcutsDialog";
import { useStore } from "../../store";
import { acceptCandidate, dismissCandidate, followTagging, loadWorkspace, moveCandidate, pickVerdict, select } from "./actions";
import { ArticleText, claimFromSelection } from "./ArticleText";
import { ClaimEditor } from "./ClaimEditor";
import { ConflictDialog } from "./ConflictDialog";
import { Legend } from "./Legend";
import { CandidateList, ClaimList, reveal } from "./Lists";
import { createWorkspaceStore, type WorkspaceStore } from "./state";

export function WorkspacePage({ id, store: given }: { id: string; store?: WorkspaceStore }) {
  const store = useMemo(() => given ?? createWorkspaceStore(), [id, given]);
  const [error, setError] = useState("");
  const [help, setHelp] = useState(false);
  const article = useStore(store, (s) => s.article);
  const notice = useStore(store, (s) => s.notice);
  const tagging = useStore(store, (s) => s.tagging);

  useEffect(() => {
    if (given) return;
    let stopped = false;
    loadWorkspace(store, Number(id))
      .then(() => {
        const status = store.get().tagging;
        if (status === "queued" || status === "running") void followTagging(store, Number(id), () => stopped);
      })
      .catch((e) => setError(e instanceof ApiError ? e.message : "Could not load the article."));
    return () => {
      stopped = true;
    };
  }, [store, id, given]);

  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      if (document.querySelector("dialog[open]") && event.key !== "Escape") return;
      if (event.key === "Escape") {
        if (!document.querySelector("dialog[open]")) select(store, null);
        return;
      }
      if (isTyping(event)) return;
      const selected = store.get().selected;
      const candidate = selected?.startsWith("cand:") ? Number(selected.slice(5)) : null;
      const claim = selected?.startsWith("claim:") ? Number(selected.slice(6)) : null;
      const key = event.key;
      let handled = true;
      if (key === "j" || key === "k") {
        moveCandidate(store, key === "j" ? 1 : -1);
        const now = store.get().selected;
        if (now) reveal(now);
      } else if (key === "a" && candidate !== null) void acceptCandidate(store, candidate);
      else if (key === "d" && candidate !== null) void dismissCandidate(store, candidate);
      else if (key === "c") handled = claimFromSelection(store, document.querySelector(".article-text"));
      else if (/^[1-9]$/.test(key) && claim !== null) {
        const label = store.get().labels[Number(key) - 1];
        if (label) pickVerdict(store, claim, label.id);
      } else if (key === "/") {
        const search = document.querySelector<HTMLInputElement>("[data-shortcut-search]");
        if (search) search.focus();
        else handled = false;
      } else if (key === "?") setHelp(true);
      else handled = false;
      if (handled) event.preventDefault();
    }
    addEventListener("keydown", onKey);
    return () => removeEventListener("keydown", onKey);
  }, [store]);

  if (error) return <p role="alert">{error}</p>;
  if (!article) return <p aria-busy="true">Loading article…</p>;
  const date = article.published_at ? new Date(article.published_at).toLocaleDateString() : "";
  return (
    <div class="workspace">
      <div class="reader">
        <header class="article-head">
          <h1>{article.title || "Untitled article"}</h1>
          <p class="byline">
            {[article.outlet, article.author, date].filter(Boolean).join(" · ")}
            <span class={`tag-state t-${tagging}`}>tagging {tagging}</span>
            <button type="button" class="small link" onClick={() => setHelp(true)}>
              Shortcuts <kbd>?</kbd>
            </button>
          </p>
          <Legend store={store} />
        </header>
        {/* Which revision this is, what changed, and claims a correction orphaned
            (selecting one opens it so the reviewer can re-attach it with "Set range"). */}
        <RevisionBanner
          articleId={article.id}
          revision={article.revision}
          onShowOrphans={(claims) => claims[0] && select(store, `claim:${claims[0].id}`)}
        />
        <ArticleText store={store} />
      </div>
      <aside class="panel" aria-label="Review panel">
        {notice && (
          <p role="status" class="notice">
            {notice}
            <button type="button" class="small link" onClick={() => store.set({ notice: "" })} aria-label="Dismiss message">
              ×
            </button>
          </p>
        )}
        <ClaimEditor store={store} />
        <CandidateList store={store} />
        <ClaimList store={store} />
      </aside>
      <ShortcutsDialog open={help} onClose={() => setHelp(false)} />
      <ConflictDialog store={store} />
    </div>
  );
}
