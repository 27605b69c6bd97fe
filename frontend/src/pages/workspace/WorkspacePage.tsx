// The reviewer's workspace for one article: the text, the lists (candidates, claims), and
// the claim editor in a pane of its own (resizable), with Save/Submit always in view.
import { useEffect, useMemo, useState } from "preact/hooks";
import { ApiError } from "../../api/client";
import type { Me } from "../../api/types";
import { type OrphanClaim, RevisionBanner } from "../../components/RevisionBanner";
import { isTyping, ShortcutsDialog } from "../../components/ShortcutsDialog";
import { setLeaveGuard } from "../../router";
import { useStore } from "../../store";
import {
  acceptCandidate,
  dismissCandidate,
  flushDeletes,
  flushSaves,
  followTagging,
  hasUnsaved,
  loadWorkspace,
  moveCandidate,
  pickVerdict,
  runUndo,
  select,
} from "./actions";
import { ArticleText, claimFromSelection } from "./ArticleText";
import { ArticleTools } from "./ArticleTools";
import { ClaimEditor } from "./ClaimEditor";
import { ConflictDialog } from "./ConflictDialog";
import { Legend } from "./Legend";
import { CandidateList, ClaimList, reveal } from "./Lists";
import { createWorkspaceStore, type WorkspaceStore } from "./state";
import { Toast } from "./Toast";

const EDITOR_WIDTH_KEY = "factcheck.editorWidth";
const MIN_EDITOR = 320;
const MAX_EDITOR = 900;

function clampWidth(px: number): number {
  return Math.round(Math.max(MIN_EDITOR, Math.min(MAX_EDITOR, px)));
}

/** The drag handle between the lists and the editor: pointer or arrow keys. */
function Resizer({ width, onWidth }: { width: number; onWidth: (px: number) => void }) {
  return (
    <div
      class="resizer"
      role="separator"
      aria-orientation="vertical"
      aria-label="Resize the claim editor"
      aria-valuemin={MIN_EDITOR}
      aria-valuemax={MAX_EDITOR}
      aria-valuenow={width}
      tabIndex={0}
      onPointerDown={(event) => {
        event.preventDefault();
        const handle = event.currentTarget as HTMLElement;
        handle.setPointerCapture(event.pointerId);
        const right = handle.parentElement!.getBoundingClientRect().right;
        const move = (e: PointerEvent) => onWidth(clampWidth(right - e.clientX));
        const up = () => {
          handle.removeEventListener("pointermove", move);
          handle.removeEventListener("pointerup", up);
        };
        handle.addEventListener("pointermove", move);
        handle.addEventListener("pointerup", up);
      }}
      onKeyDown={(event) => {
        const step = event.shiftKey ? 80 : 20;
        if (event.key === "ArrowLeft") onWidth(clampWidth(width + step));
        else if (event.key === "ArrowRight") onWidth(clampWidth(width - step));
        else return;
        event.preventDefault();
      }}
    />
  );
}

export function WorkspacePage({ id, store: given, me }: { id: string; store?: WorkspaceStore; me?: Me | null }) {
  const store = useMemo(() => given ?? createWorkspaceStore(), [id, given]);
  const [error, setError] = useState("");
  const [help, setHelp] = useState(false);
  const [width, setWidth] = useState(() => clampWidth(Number(localStorage.getItem(EDITOR_WIDTH_KEY)) || 440));
  const article = useStore(store, (s) => s.article);
  const tagging = useStore(store, (s) => s.tagging);
  const claims = useStore(store, (s) => s.claims);
  const orphans = useMemo(
    () => claims.filter((c) => c.anchor_status === "orphaned") as unknown as OrphanClaim[],
    [claims],
  );

  useEffect(() => {
    if (me !== undefined) store.set({ me });
  }, [store, me]);

  useEffect(() => {
    localStorage.setItem(EDITOR_WIDTH_KEY, String(width));
  }, [width]);

  useEffect(() => {
    if (given) return;
    let stopped = false;
    loadWorkspace(store, Number(id))
      .then(() => {
        // "My work" links to a claim: open its editor.
        const claim = Number(new URLSearchParams(location.search).get("claim"));
        if (claim && store.get().claims.some((c) => c.id === claim)) {
          select(store, `claim:${claim}`);
          requestAnimationFrame(() => reveal(`claim:${claim}`));
        }
        const status = store.get().tagging;
        if (status === "queued" || status === "running") void followTagging(store, Number(id), () => stopped);
      })
      .catch((e) => setError(e instanceof ApiError ? e.message : "Could not load the article."));
    return () => {
      stopped = true;
    };
  }, [store, id, given]);

  // Never lose an edit: leaving in the app saves first (and asks if that fails); leaving
  // the page (reload, close) asks while anything is unsaved; deletions waiting for their
  // undo window are sent on the way out.
  useEffect(() => {
    const release = setLeaveGuard(async () => {
      if (!hasUnsaved(store)) {
        void flushDeletes();
        return true;
      }
      const saved = await flushSaves(store);
      void flushDeletes();
      return saved || confirm("Some edits could not be saved. Leave this article anyway and lose them?");
    });
    const beforeUnload = (event: BeforeUnloadEvent) => {
      if (!hasUnsaved(store)) return;
      void flushSaves(store);
      event.preventDefault();
      event.returnValue = "";
    };
    const pageHide = () => void flushDeletes(true);
    addEventListener("beforeunload", beforeUnload);
    addEventListener("pagehide", pageHide);
    return () => {
      release();
      removeEventListener("beforeunload", beforeUnload);
      removeEventListener("pagehide", pageHide);
      void flushDeletes();
    };
  }, [store]);

  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === "s") {
        // Ctrl/⌘+S saves now (also from inside a text field), instead of the browser's "save page".
        event.preventDefault();
        void flushSaves(store).then((ok) => ok && store.set({ notice: "All changes saved." }));
        return;
      }
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
      const hint = (notice: string) => store.set({ notice });
      let handled = true;
      if (key === "j" || key === "k") {
        moveCandidate(store, key === "j" ? 1 : -1);
        const now = store.get().selected;
        if (now) reveal(now);
      } else if (key === "a" || key === "d") {
        if (candidate === null) hint("Select a candidate first (j / k, or click one).");
        else if (key === "a") void acceptCandidate(store, candidate);
        else void dismissCandidate(store, candidate);
      } else if (key === "c") {
        if (!claimFromSelection(store, document.querySelector(".article-text")))
          hint("Select some text in the article first, then press c.");
      } else if (key === "z") {
        void runUndo(store).then((undone) => undone || hint("Nothing to undo."));
      } else if (/^[1-9]$/.test(key)) {
        const label = store.get().labels[Number(key) - 1];
        if (claim === null) hint("Select a claim first to pick its verdict.");
        else if (label) pickVerdict(store, claim, label.id);
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
    <div class="workspace" style={{ "--editor-w": `${width}px` }}>
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
          <ArticleTools store={store} />
          <Legend store={store} />
        </header>
        {/* Which revision this is, what changed, and claims a correction orphaned
            (selecting one opens it so the reviewer can re-attach it with "Set range"). */}
        <RevisionBanner
          articleId={article.id}
          revision={article.revision}
          orphans={orphans}
          onShowOrphans={(claims) => claims[0] && select(store, `claim:${claims[0].id}`)}
        />
        <ArticleText store={store} />
      </div>
      <aside class="lists-pane" aria-label="Candidates and claims">
        <CandidateList store={store} />
        <ClaimList store={store} />
      </aside>
      <Resizer width={width} onWidth={setWidth} />
      <aside class="editor-pane" aria-label="Review panel">
        <ClaimEditor store={store} />
      </aside>
      <Toast store={store} />
      <ShortcutsDialog open={help} onClose={() => setHelp(false)} />
      <ConflictDialog store={store} />
    </div>
  );
}
