// The queue: the articles a reviewer can work on, filterable, searchable and sortable.
import { useEffect, useRef, useState } from "preact/hooks";
import { api, type Page } from "../../api/client";
import { usePeople } from "../../api/people";
import type { ArticleSummary, Me, TaggingStatus } from "../../api/types";
import { isTyping } from "../../components/ShortcutsDialog";
import { navigate } from "../../router";

const SORTS: [string, string][] = [
  ["-created_at", "Newest imported"],
  ["created_at", "Oldest imported"],
  ["-published_at", "Newest published"],
  ["title", "Title A–Z"],
  ["outlet", "Outlet A–Z"],
];

const STATES: TaggingStatus[] = ["queued", "running", "done", "failed"];

export function QueuePage({ me }: { me?: Me }) {
  const isEditor = me?.role === "editor" || me?.role === "admin";
  const people = usePeople(isEditor);
  const [tick, setTick] = useState(0);
  const [assignError, setAssignError] = useState("");
  const [search, setSearch] = useState("");
  const [status, setStatus] = useState("");
  const [outlet, setOutlet] = useState("");
  const [mine, setMine] = useState(false);
  const [ordering, setOrdering] = useState("-created_at");
  const [page, setPage] = useState(1);
  const [data, setData] = useState<Page<ArticleSummary> | null>(null);
  const [error, setError] = useState("");
  const searchRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    const params = new URLSearchParams({ ordering, page: String(page), page_size: "25" });
    if (search.trim()) params.set("search", search.trim());
    if (status) params.set("tagging_status", status);
    if (outlet.trim()) params.set("outlet", outlet.trim());
    if (mine) params.set("assigned_to_me", "true");
    const timer = setTimeout(() => {
      api<Page<ArticleSummary>>(`/api/articles/?${params}`)
        .then((d) => {
          setData(d);
          setError("");
        })
        .catch((e: Error) => setError(e.message));
    }, 150);
    return () => clearTimeout(timer);
  }, [search, status, outlet, mine, ordering, page, tick]);

  // Tagging state live: while a listed article is queued or running, look again shortly.
  useEffect(() => {
    if (!data?.results.some((a) => a.tagging_status === "queued" || a.tagging_status === "running")) return;
    const timer = setTimeout(() => setTick((n) => n + 1), 1500);
    return () => clearTimeout(timer);
  }, [data]);

  async function assign(article: ArticleSummary, value: string) {
    setAssignError("");
    try {
      await api(`/api/articles/${article.id}/assign/`, {
        method: "POST",
        body: { assignee: value ? Number(value) : null },
      });
      setTick((n) => n + 1);
    } catch (e) {
      setAssignError(`${article.title}: ${(e as Error).message}`);
    }
  }

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === "/" && !isTyping(event)) {
        event.preventDefault();
        searchRef.current?.focus();
      }
    };
    addEventListener("keydown", onKey);
    return () => removeEventListener("keydown", onKey);
  }, []);

  const reset = <T,>(set: (v: T) => void) => (v: T) => {
    set(v);
    setPage(1);
  };
  const pages = data ? Math.max(1, Math.ceil(data.count / 25)) : 1;

  return (
    <section aria-labelledby="queue-title" class="queue">
      <div class="queue-head">
        <h1 id="queue-title">Articles</h1>
        <a
          href="/import"
          class="button primary"
          onClick={(e) => {
            e.preventDefault();
            navigate("/import");
          }}
        >
          Import article
        </a>
      </div>
      <div class="filters" role="search" aria-label="Filter articles">
        <label>
          Search
          <input ref={searchRef} type="search" value={search} placeholder="Title, outlet, author, URL  ( / )" onInput={(e) => reset(setSearch)(e.currentTarget.value)} />
        </label>
        <label>
          Tagging
          <select value={status} onChange={(e) => reset(setStatus)(e.currentTarget.value)}>
            <option value="">any</option>
            {STATES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <label>
          Outlet
          <input value={outlet} onInput={(e) => reset(setOutlet)(e.currentTarget.value)} />
        </label>
        <label>
          Sort
          <select value={ordering} onChange={(e) => reset(setOrdering)(e.currentTarget.value)}>
            {SORTS.map(([value, name]) => (
              <option key={value} value={value}>
                {name}
              </option>
            ))}
          </select>
        </label>
        <label class="check">
          <input type="checkbox" checked={mine} onChange={(e) => reset(setMine)(e.currentTarget.checked)} />
          Assigned to me
        </label>
      </div>
      {error && <p role="alert" class="error">{error}</p>}
      {assignError && <p role="alert" class="error">{assignError}</p>}
      {!data && !error && <p aria-busy="true">Loading articles…</p>}
      {data && (
        <>
          <table class="queue-table">
            <caption class="sr-only">Articles, {data.count} in all</caption>
            <thead>
              <tr>
                <th scope="col">Title</th>
                <th scope="col">Outlet</th>
                <th scope="col">Date</th>
                <th scope="col">Tagging</th>
                <th scope="col" class="num">Open candidates</th>
                <th scope="col" class="num">Claims</th>
                <th scope="col" class="num">Verdicts</th>
                <th scope="col">Assignee</th>
              </tr>
            </thead>
            <tbody>
              {data.results.map((a) => (
                <tr key={a.id}>
                  <td>
                    <a
                      href={`/articles/${a.id}`}
                      onClick={(e) => {
                        e.preventDefault();
                        navigate(`/articles/${a.id}`);
                      }}
                    >
                      {a.title || "Untitled article"}
                    </a>
                  </td>
                  <td>{a.outlet}</td>
                  <td>{new Date(a.published_at ?? a.created_at).toLocaleDateString()}</td>
                  <td>
                    <span class={`tag-state t-${a.tagging_status}`}>{a.tagging_status}</span>
                  </td>
                  <td class="num">{a.candidates_open}</td>
                  <td class="num">{a.claims_count}</td>
                  <td class="num">{a.verdicts_count}</td>
                  <td>
                    {isEditor ? (
                      <select
                        aria-label={`Assign ${a.title || "untitled article"}`}
                        value={a.assignee?.id ?? ""}
                        onChange={(e) => void assign(a, e.currentTarget.value)}
                      >
                        <option value="">Nobody</option>
                        {a.assignee && !people.some((p) => p.id === a.assignee!.id) && (
                          <option value={a.assignee.id}>{a.assignee.display_name}</option>
                        )}
                        {people.map((p) => (
                          <option key={p.id} value={p.id}>
                            {p.display_name}
                          </option>
                        ))}
                      </select>
                    ) : (
                      (a.assignee?.display_name ?? <span class="muted">—</span>)
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {!data.results.length && <p class="empty">No articles match.</p>}
          <nav class="pager" aria-label="Pages">
            <button type="button" disabled={!data.previous} onClick={() => setPage(page - 1)}>
              Previous
            </button>
            <span>
              Page {page} of {pages} · {data.count} articles
            </span>
            <button type="button" disabled={!data.next} onClick={() => setPage(page + 1)}>
              Next
            </button>
          </nav>
        </>
      )}
    </section>
  );
}
