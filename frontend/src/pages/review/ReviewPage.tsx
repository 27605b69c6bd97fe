// The editor's review queue (/review): claims in review across articles, filtered by
// outlet, reviewer, verdict and age; approve / return with a comment / publish, by key.
import type { ComponentChildren } from "preact";
import { useCallback, useEffect, useState } from "preact/hooks";
import { ApiError, api, type Page } from "../../api/client";
import type { Citation, Claim, EvidenceProblem, VerdictLabel } from "../../api/types";
import { getCitations } from "../../api/workspace";
import { EvidenceList } from "../../components/Evidence";
import { ReasonDialog } from "../../components/ReasonDialog";
import { isTyping, ShortcutsDialog } from "../../components/ShortcutsDialog";
import { useModal } from "../../components/useModal";
import { anyPending } from "../../evidence/state";
import { navigate } from "../../router";
import { History } from "./History";
import {
  DEFAULT_FILTERS,
  QUEUE_SHORTCUTS,
  ageDays,
  keyAction,
  move,
  queueQuery,
  type QueueFilters,
} from "./queue";
import "./review.css";

export interface QueueClaim extends Claim {
  article_title: string;
  outlet: string;
  submitted_at: string | null;
  transitions: string[];
}

interface Comment {
  id: number;
  author: { username: string; display_name: string } | null;
  body: string;
  created_at: string;
}

type Transition = "approve" | "return" | "publish" | "unpublish";

const DONE: Record<Transition, string> = {
  approve: "Approved",
  return: "Returned",
  publish: "Published",
  unpublish: "Unpublished",
};

export function ReviewPage() {
  const [filters, setFilters] = useState<QueueFilters>(DEFAULT_FILTERS);
  const [claims, setClaims] = useState<QueueClaim[] | null>(null);
  const [count, setCount] = useState(0);
  const [index, setIndex] = useState(0);
  const [labels, setLabels] = useState<VerdictLabel[]>([]);
  const [notice, setNotice] = useState("");
  const [returning, setReturning] = useState(false);
  const [publishing, setPublishing] = useState(false);
  const [help, setHelp] = useState(false);
  const [refresh, setRefresh] = useState(0);
  // Approving unverified evidence needs a reason; republishing a changed verdict, a note.
  const [unverified, setUnverified] = useState<EvidenceProblem[] | null>(null);
  const [correcting, setCorrecting] = useState(false);

  const load = useCallback(async () => {
    try {
      const page = await api<Page<QueueClaim>>(queueQuery(filters));
      setClaims(page.results);
      setCount(page.count);
      setIndex((i) => move(i, 0, page.results.length));
    } catch (e) {
      setNotice((e as Error).message);
      setClaims([]);
    }
  }, [filters]);

  useEffect(() => {
    setClaims(null); // no stale rows to act on while the new filter loads
    load();
  }, [load]);
  useEffect(() => {
    api<Page<VerdictLabel>>("/api/verdict-labels/?page_size=100").then((p) => setLabels(p.results));
  }, []);

  const selected = claims?.[index];
  const label = (id: unknown) => labels.find((l) => l.id === id);
  const verdictName = (id: unknown) => label(id)?.name ?? "—";

  const act = useCallback(
    async (name: Transition, comment = "", override_reason = "") => {
      if (!selected) return;
      if (!selected.transitions.includes(name)) {
        setNotice(`You cannot ${name} this claim now (it is ${selected.status.replace("_", " ")}).`);
        return;
      }
      try {
        await api(`/api/claims/${selected.id}/${name}/`, {
          method: "POST",
          body: { version: selected.version, comment, override_reason },
        });
        setNotice(`${DONE[name]}: ${selected.statement || selected.exact}`);
      } catch (e) {
        const error = e as ApiError;
        if (error.status === 409 && Array.isArray(error.body.citations)) {
          setUnverified(error.body.citations as EvidenceProblem[]);
          return;
        }
        if (error.status === 400 && name === "publish" && error.fieldError("comment")) {
          setCorrecting(true);
          return;
        }
        setNotice(error.status === 409 ? `${error.message} The list has been reloaded.` : error.message);
      }
      setRefresh((n) => n + 1);
      await load();
    },
    [selected, load],
  );

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      // An open dialog has the keys (read from the page: state may lag a just-closed one).
      if (document.querySelector("dialog[open]") || isTyping(event)) return;
      const action = keyAction(event);
      if (!action) return;
      event.preventDefault();
      const length = claims?.length ?? 0;
      if (action === "next") setIndex((i) => move(i, 1, length));
      else if (action === "previous") setIndex((i) => move(i, -1, length));
      else if (action === "approve") act("approve");
      else if (action === "publish") selected && setPublishing(true);
      else if (action === "return") selected && setReturning(true);
      else if (action === "help") setHelp(true);
    };
    addEventListener("keydown", onKey);
    return () => removeEventListener("keydown", onKey);
  }, [claims, selected, act, returning, publishing, help]);

  useEffect(() => {
    document.querySelector("tr.selected")?.scrollIntoView({ block: "nearest" });
  }, [index]);

  const field = (name: keyof QueueFilters) => ({
    value: filters[name],
    onChange: (e: Event) => setFilters({ ...filters, [name]: (e.target as HTMLInputElement).value }),
  });

  return (
    <section>
      <div class="queue-head">
        <h1>Review queue</h1>
        <span class="muted">
          {count} claim{count === 1 ? "" : "s"} · <kbd>j</kbd>/<kbd>k</kbd> move, <kbd>a</kbd> approve,{" "}
          <kbd>r</kbd> return, <kbd>p</kbd> publish, <kbd>?</kbd> help
        </span>
      </div>
      <form class="filters" onSubmit={(e) => e.preventDefault()} aria-label="Filters">
        <label>
          State
          <select {...field("status")}>
            <option value="in_review">In review</option>
            <option value="approved">Approved (to publish)</option>
            <option value="returned">Returned</option>
            <option value="published">Published</option>
          </select>
        </label>
        <label>
          Outlet
          <input type="text" {...field("outlet")} />
        </label>
        <label>
          Reviewer
          <input type="text" placeholder="username" {...field("reviewer")} />
        </label>
        <label>
          Verdict
          <select {...field("verdict")}>
            <option value="">Any</option>
            {labels.map((l) => (
              <option key={l.id} value={l.slug}>
                {l.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Waiting at least (days)
          <input type="number" min="0" {...field("min_age_days")} />
        </label>
      </form>
      {notice && (
        <p class="notice" role="status">
          {notice}
        </p>
      )}
      <div class="review">
        <div>
          {claims === null ? (
            <p aria-busy="true">Loading…</p>
          ) : claims.length === 0 ? (
            <p class="empty">Nothing waiting. Well done.</p>
          ) : (
            <table class="queue-table" aria-label="Claims to review">
              <thead>
                <tr>
                  <th>Claim</th>
                  <th>Verdict</th>
                  <th>Reviewer</th>
                  <th class="num">Age</th>
                </tr>
              </thead>
              <tbody>
                {claims.map((claim, i) => (
                  <tr
                    key={claim.id}
                    class={i === index ? "selected" : undefined}
                    aria-selected={i === index}
                    tabIndex={-1}
                    onClick={(e) => {
                      setIndex(i);
                      // Focus leaves the filters, so the shortcut keys act on the list.
                      (e.currentTarget as HTMLElement).focus();
                    }}
                  >
                    <td>
                      {claim.statement || claim.exact}
                      <div class="muted">
                        {claim.article_title}
                        {claim.outlet ? ` · ${claim.outlet}` : ""}
                      </div>
                    </td>
                    <td>
                      {label(claim.verdict) ? (
                        <span class="verdict-pill" style={{ background: label(claim.verdict)!.colour }}>
                          {label(claim.verdict)!.name}
                        </span>
                      ) : (
                        "—"
                      )}
                    </td>
                    <td>{claim.created_by?.display_name ?? claim.created_by?.username ?? "—"}</td>
                    <td class="num">{ageDays(claim.submitted_at ?? claim.updated_at) ?? "—"} d</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
        {selected && (
          <Detail
            claim={selected}
            verdictName={verdictName}
            refresh={refresh}
            onAct={(name) => (name === "publish" ? setPublishing(true) : act(name))}
            onReturn={() => setReturning(true)}
          />
        )}
      </div>
      <ReasonDialog
        open={returning}
        title="Return to the reviewer"
        label="What needs fixing?"
        action="Return"
        onClose={() => setReturning(false)}
        onSubmit={(comment) => {
          setReturning(false);
          act("return", comment);
        }}
      />
      <ReasonDialog
        open={unverified !== null}
        title="Approve with unverified evidence?"
        label="Why does the verdict stand? (recorded in the history and shown in reports)"
        action="Approve anyway"
        onClose={() => setUnverified(null)}
        onSubmit={(reason) => {
          setUnverified(null);
          act("approve", "", reason);
        }}
      >
        <ul class="problems">
          {unverified?.map((p) => (
            <li key={p.citation}>
              <strong>{p.url}</strong>: {p.problem}
            </li>
          ))}
        </ul>
      </ReasonDialog>
      <ReasonDialog
        open={correcting}
        title="Publish a correction"
        label="This verdict was published before and has changed. What changed, and why? Readers see this note."
        action="Publish the correction"
        onClose={() => setCorrecting(false)}
        onSubmit={(note) => {
          setCorrecting(false);
          act("publish", note);
        }}
      />
      <ConfirmDialog
        open={publishing && !!selected}
        title="Publish this verdict?"
        confirm="Publish"
        onClose={() => setPublishing(false)}
        onConfirm={() => {
          setPublishing(false);
          act("publish");
        }}
      >
        <p>
          “{selected?.statement || selected?.exact}” with the verdict <strong>{verdictName(selected?.verdict)}</strong> will
          be public: its page, the feed and exports. Changing it later is a public correction.
        </p>
      </ConfirmDialog>
      <ShortcutsDialog
        open={help}
        onClose={() => setHelp(false)}
        title="Review queue shortcuts"
        shortcuts={QUEUE_SHORTCUTS}
      />
    </section>
  );
}

function Detail({
  claim,
  verdictName,
  refresh,
  onAct,
  onReturn,
}: {
  claim: QueueClaim;
  verdictName: (id: unknown) => string;
  refresh: number;
  onAct: (name: Transition) => void;
  onReturn: () => void;
}) {
  const [comments, setComments] = useState<Comment[]>([]);
  const [draft, setDraft] = useState("");
  const loadComments = useCallback(() => {
    api<Page<Comment>>(`/api/claims/${claim.id}/comments/?page_size=200`).then((p) => setComments(p.results));
  }, [claim.id]);
  useEffect(loadComments, [loadComments, refresh]);
  const can = (name: string) => claim.transitions.includes(name);
  return (
    <aside class="review-detail" aria-label="Selected claim">
      <h3>{claim.statement || claim.exact}</h3>
      <span class="state-pill">{claim.status.replace("_", " ")}</span>{" "}
      <a
        href={`/articles/${claim.article}`}
        onClick={(e) => {
          e.preventDefault();
          navigate(`/articles/${claim.article}`);
        }}
      >
        Open in the workspace
      </a>
      <blockquote>“{claim.exact}”</blockquote>
      {claim.claimant && <p class="muted">Claimant: {claim.claimant}</p>}
      <p>
        <strong>Verdict:</strong> {verdictName(claim.verdict)}
      </p>
      <p>{claim.rationale}</p>
      {claim.approval_override && (
        <p class="override">
          <strong>Approved with unverified evidence:</strong> {claim.approval_override}
        </p>
      )}
      <h2>Evidence</h2>
      <ClaimEvidence claimId={claim.id} refresh={refresh} />
      <div class="actions">
        <button type="button" class="primary" disabled={!can("approve")} onClick={() => onAct("approve")}>
          Approve <kbd>a</kbd>
        </button>
        <button type="button" disabled={!can("return")} onClick={onReturn}>
          Return… <kbd>r</kbd>
        </button>
        <button type="button" disabled={!can("publish")} onClick={() => onAct("publish")}>
          Publish <kbd>p</kbd>
        </button>
        {can("unpublish") && (
          <button type="button" onClick={() => onAct("unpublish")}>
            Unpublish
          </button>
        )}
      </div>
      <h2>Comments</h2>
      {comments.length === 0 ? (
        <p class="empty">No comments.</p>
      ) : (
        <ul class="comments">
          {comments.map((c) => (
            <li key={c.id}>
              <strong>{c.author?.display_name || c.author?.username || "someone"}</strong>{" "}
              <time class="muted" dateTime={c.created_at}>
                {new Date(c.created_at).toLocaleString()}
              </time>
              <div>{c.body}</div>
            </li>
          ))}
        </ul>
      )}
      <form
        onSubmit={async (e) => {
          e.preventDefault();
          if (!draft.trim()) return;
          await api(`/api/claims/${claim.id}/comments/`, { method: "POST", body: { body: draft } });
          setDraft("");
          loadComments();
        }}
      >
        <label class="sr-only" for="new-comment">
          Comment
        </label>
        <textarea id="new-comment" rows={2} placeholder="Comment…" value={draft} onInput={(e) => setDraft((e.target as HTMLTextAreaElement).value)} />
        <button type="submit" class="small">
          Comment
        </button>
      </form>
      <h2>History</h2>
      <History claimId={claim.id} refreshKey={refresh + claim.version} verdictName={verdictName} />
    </aside>
  );
}

/** The selected claim's evidence itself, as the editor approves it (polled while pages are
 * still being captured). */
function ClaimEvidence({ claimId, refresh }: { claimId: number; refresh: number }) {
  const [citations, setCitations] = useState<Citation[] | null>(null);
  useEffect(() => {
    setCitations(null);
    getCitations(claimId).then(setCitations, () => setCitations([]));
  }, [claimId, refresh]);
  const pending = anyPending(citations ?? []);
  useEffect(() => {
    if (!pending) return;
    const timer = setTimeout(() => getCitations(claimId).then(setCitations, () => undefined), 1500);
    return () => clearTimeout(timer);
  }, [pending, citations, claimId]);
  if (citations === null) return <p aria-busy="true">Loading…</p>;
  return <EvidenceList citations={citations} label="Evidence" />;
}

/** A yes/no question before an action that cannot be quietly taken back (publishing). */
function ConfirmDialog({
  open,
  title,
  confirm,
  onClose,
  onConfirm,
  children,
}: {
  open: boolean;
  title: string;
  confirm: string;
  onClose: () => void;
  onConfirm: () => void;
  children: ComponentChildren;
}) {
  const ref = useModal(open);
  return (
    <dialog ref={ref} aria-labelledby="confirm-title" onClose={onClose}>
      <h2 id="confirm-title">{title}</h2>
      {children}
      <div class="dialog-actions">
        <button type="button" onClick={onClose}>
          Cancel
        </button>
        <button type="button" class="primary" onClick={onConfirm}>
          {confirm}
        </button>
      </div>
    </dialog>
  );
}
