// Which revision of the article the reviewer sees, what changed from the one before, and
// which claims lost their place in the correction (to re-attach by selecting new text).
//
// Usage (workspace): <RevisionBanner articleId={article.id} revision={article.revision}
//   onShowOrphans={(claims) => ...} />   Renders nothing for an uncorrected article.
import { useEffect, useState } from "preact/hooks";
import { api, type Page } from "../api/client";
import "./RevisionBanner.css";

export interface RevisionBannerProps {
  articleId: number;
  /** The article's current revision number (Article.revision); re-fetches when it changes. */
  revision: number;
  /** Called with the orphaned claims when the reviewer asks to see them. */
  onShowOrphans?: (claims: OrphanClaim[]) => void;
  /** The orphaned claims when the caller has them already (the workspace read): no request. */
  orphans?: OrphanClaim[];
}

/** A claim that could not be placed on the current revision (its old anchor). */
export interface OrphanClaim {
  id: number;
  article: number;
  start: number;
  end: number;
  exact: string;
  prefix: string;
  suffix: string;
  anchor_status: "orphaned";
  anchored_revision: number;
  statement: string;
  status: string;
  version: number;
}

export interface DiffHunk {
  op: "added" | "removed" | "changed";
  /** Code-point ranges in the old and the new text. */
  old: [number, number];
  new: [number, number];
  removed: string;
  added: string;
  words: { removed: string; added: string } | null;
}

export interface RevisionDiff {
  article: number;
  current: number;
  from: { number: number; note: string; created_at: string | null; created_by: string | null };
  to: { number: number; note: string; created_at: string | null; created_by: string | null };
  paragraphs: { added: number; removed: number; changed: number };
  chars: { old: number; new: number };
  similarity: number;
  hunks: DiffHunk[];
}

/** "2 paragraphs changed, 1 added" — or "No paragraph changed" (whitespace only). */
export function changeSummary(p: RevisionDiff["paragraphs"]): string {
  const parts: string[] = [];
  const say = (n: number, what: string) => {
    if (n) parts.push(`${n} ${n === 1 ? "paragraph" : "paragraphs"} ${what}`);
  };
  say(p.changed, "changed");
  say(p.added, "added");
  say(p.removed, "removed");
  if (!parts.length) return "No paragraph changed";
  return parts.map((part, i) => (i ? part.replace(/ paragraphs? /, " ") : part)).join(", ");
}

function Hunk({ hunk }: { hunk: DiffHunk }) {
  if (hunk.op === "changed" && hunk.words)
    return (
      <li>
        {hunk.words.removed && <del>{hunk.words.removed}</del>} {hunk.words.added && <ins>{hunk.words.added}</ins>}
      </li>
    );
  if (hunk.op === "added")
    return (
      <li>
        <ins>{hunk.added}</ins>
      </li>
    );
  return (
    <li>
      <del>{hunk.removed}</del>
    </li>
  );
}

export function RevisionBanner({ articleId, revision, onShowOrphans, orphans: given }: RevisionBannerProps) {
  const [diff, setDiff] = useState<RevisionDiff | null>(null);
  const [fetched, setOrphans] = useState<OrphanClaim[]>([]);
  const orphans = given ?? fetched;
  const fetchOrphans = given === undefined;
  const [error, setError] = useState("");

  useEffect(() => {
    let live = true;
    setError("");
    const wantDiff = revision > 1;
    Promise.all([
      wantDiff ? api<RevisionDiff>(`/api/articles/${articleId}/revisions/diff/`) : Promise.resolve(null),
      fetchOrphans
        ? api<Page<OrphanClaim>>(`/api/articles/${articleId}/orphans/?page_size=100`)
        : Promise.resolve(null),
    ])
      .then(([d, o]) => {
        if (!live) return;
        setDiff(d);
        if (o) setOrphans(o.results);
      })
      .catch((e: Error) => live && setError(e.message));
    return () => {
      live = false;
    };
  }, [articleId, revision, fetchOrphans]);

  if (revision <= 1 && !orphans.length && !error) return null;
  const when = diff?.to.created_at ? new Date(diff.to.created_at).toLocaleString() : "";
  return (
    <aside class="revision-banner" aria-label="Article revision">
      <p>
        <strong>Revision {revision}</strong>
        {diff && (
          <>
            {" "}
            · corrected{when && ` ${when}`}
            {diff.to.created_by && ` by ${diff.to.created_by}`}
            {diff.to.note && <> — “{diff.to.note}”</>} · {changeSummary(diff.paragraphs)} since revision{" "}
            {diff.from.number}
          </>
        )}
      </p>
      {diff && diff.hunks.length > 0 && (
        <details>
          <summary>What changed</summary>
          <ul>
            {diff.hunks.slice(0, 20).map((hunk, i) => (
              <Hunk key={i} hunk={hunk} />
            ))}
          </ul>
          {diff.hunks.length > 20 && <p class="muted">…and {diff.hunks.length - 20} more changes.</p>}
        </details>
      )}
      {orphans.length > 0 && (
        <p role="status">
          {orphans.length} {orphans.length === 1 ? "claim" : "claims"} lost {orphans.length === 1 ? "its" : "their"}{" "}
          place in the correction.{" "}
          {onShowOrphans && (
            <button type="button" class="link" onClick={() => onShowOrphans(orphans)}>
              Re-attach
            </button>
          )}
        </p>
      )}
      {error && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
    </aside>
  );
}
