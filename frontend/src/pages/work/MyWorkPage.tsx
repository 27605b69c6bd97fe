// "My work": what is waiting for me — returned to me (with the editor's comment), articles
// and claims assigned to me, my drafts, my claims in review. Opening it marks it seen;
// the navigation's badge counts what is new since then.
import { useEffect, useState } from "preact/hooks";
import { api } from "../../api/client";
import type { ClaimStatus, Me, TaggingStatus } from "../../api/types";
import { navigate } from "../../router";

interface WorkClaim {
  id: number;
  article: number;
  article_title: string;
  exact: string;
  statement: string;
  status: ClaimStatus;
  updated_at: string;
  comment: { body: string; author: string | null; created_at: string } | null;
}

interface WorkArticle {
  id: number;
  title: string;
  outlet: string;
  tagging_status: TaggingStatus;
  assigned_at: string | null;
}

export interface MyWork {
  returned: WorkClaim[];
  assigned_articles: WorkArticle[];
  assigned_claims: WorkClaim[];
  drafts: WorkClaim[];
  in_review: WorkClaim[];
  unread: number;
  seen_at: string | null;
}

const SEEN_EVENT = "factcheck:work-seen";

/** The unread count for the navigation badge: on load, on each page change, every minute. */
export function useUnread(path: string): number {
  const [unread, setUnread] = useState(0);
  useEffect(() => {
    let live = true;
    const load = () =>
      api<MyWork>("/api/my-work/")
        .then((w) => live && setUnread(w.unread))
        .catch(() => undefined);
    void load();
    const timer = setInterval(load, 60_000);
    const seen = () => setUnread(0);
    addEventListener(SEEN_EVENT, seen);
    return () => {
      live = false;
      clearInterval(timer);
      removeEventListener(SEEN_EVENT, seen);
    };
  }, [path]);
  return unread;
}

function isNew(at: string | null, since: string | null): boolean {
  return !!at && (!since || new Date(at) > new Date(since));
}

function Open({ href, children }: { href: string; children: string }) {
  return (
    <a
      href={href}
      onClick={(e) => {
        e.preventDefault();
        navigate(href);
      }}
    >
      {children}
    </a>
  );
}

function ClaimRows({ claims, since, empty }: { claims: WorkClaim[]; since: string | null; empty: string }) {
  if (!claims.length) return <p class="empty">{empty}</p>;
  return (
    <ul class="work-list">
      {claims.map((c) => (
        <li key={c.id}>
          <Open href={`/articles/${c.article}?claim=${c.id}`}>{c.statement || c.exact}</Open>
          {isNew(c.updated_at, since) && <span class="new-pill">new</span>}
          <div class="muted">
            {c.article_title} · {c.status.replace("_", " ")} · {new Date(c.updated_at).toLocaleString()}
          </div>
          {c.comment && (
            <blockquote class="work-comment">
              <strong>{c.comment.author ?? "An editor"}:</strong> {c.comment.body}
            </blockquote>
          )}
        </li>
      ))}
    </ul>
  );
}

export function MyWorkPage({ me }: { me: Me }) {
  const [work, setWork] = useState<MyWork | null>(null);
  const [error, setError] = useState("");
  useEffect(() => {
    api<MyWork>("/api/my-work/")
      .then((w) => {
        setWork(w);
        return api("/api/my-work/seen/", { method: "POST" });
      })
      .then(() => dispatchEvent(new Event(SEEN_EVENT)))
      .catch((e: Error) => setError(e.message));
  }, []);
  if (error) return <p role="alert">{error}</p>;
  if (!work) return <p aria-busy="true">Loading your work…</p>;
  const since = work.seen_at;
  return (
    <section class="my-work" aria-labelledby="my-work-title">
      <h1 id="my-work-title">My work</h1>
      <p class="muted">
        {me.display_name}: {work.unread ? `${work.unread} new since you last looked.` : "Nothing new since you last looked."}
      </p>
      <h2 class="work-head">Returned to me ({work.returned.length})</h2>
      <ClaimRows claims={work.returned} since={since} empty="Nothing returned to you." />
      <h2 class="work-head">Articles assigned to me ({work.assigned_articles.length})</h2>
      {work.assigned_articles.length ? (
        <ul class="work-list">
          {work.assigned_articles.map((a) => (
            <li key={a.id}>
              <Open href={`/articles/${a.id}`}>{a.title || "Untitled article"}</Open>
              {isNew(a.assigned_at, since) && <span class="new-pill">new</span>}
              <div class="muted">
                {[a.outlet, `tagging ${a.tagging_status}`].filter(Boolean).join(" · ")}
              </div>
            </li>
          ))}
        </ul>
      ) : (
        <p class="empty">No articles assigned to you.</p>
      )}
      <h2 class="work-head">Claims assigned to me ({work.assigned_claims.length})</h2>
      <ClaimRows claims={work.assigned_claims} since={null} empty="No claims assigned to you." />
      <h2 class="work-head">My drafts ({work.drafts.length})</h2>
      <ClaimRows claims={work.drafts} since={null} empty="No drafts." />
      <h2 class="work-head">My claims in review ({work.in_review.length})</h2>
      <ClaimRows claims={work.in_review} since={null} empty="Nothing of yours in review." />
    </section>
  );
}
