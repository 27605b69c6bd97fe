// A claim's citations: the list, and the form that cites a registry source (searched by
// name or domain as you type) or a pasted URL (the server links a registered domain to its
// source and proposes an unknown one as a new, pending source).
import { useEffect, useState } from "preact/hooks";
import { ApiError } from "../../api/client";
import type { Citation, Source, Stance } from "../../api/types";
import { addCitation, getCitations, removeCitation, searchSources } from "../../api/workspace";

const STANCES: Stance[] = ["supports", "contradicts", "context"];

export function Citations({ claimId, onChanged }: { claimId: number; onChanged: () => void }) {
  const [citations, setCitations] = useState<Citation[] | null>(null);
  const [query, setQuery] = useState("");
  const [matches, setMatches] = useState<Source[]>([]);
  const [source, setSource] = useState<Source | null>(null);
  const [excerpt, setExcerpt] = useState("");
  const [stance, setStance] = useState<Stance>("supports");
  const [locator, setLocator] = useState("");
  const [error, setError] = useState<ApiError | null>(null);

  useEffect(() => {
    setCitations(null);
    if (claimId > 0) getCitations(claimId).then(setCitations, () => setCitations([]));
  }, [claimId]);

  const isUrl = /^https?:\/\//i.test(query.trim());
  useEffect(() => {
    if (source || isUrl || query.trim().length < 2) return setMatches([]);
    const timer = setTimeout(() => searchSources(query.trim()).then(setMatches, () => setMatches([])), 150);
    return () => clearTimeout(timer);
  }, [query, source, isUrl]);

  async function submit(event: Event) {
    event.preventDefault();
    setError(null);
    try {
      const citation = await addCitation({
        claim: claimId,
        ...(source ? { source: source.id } : { url: query.trim() }),
        excerpt,
        stance,
        locator,
      });
      setCitations((list) => [...(list ?? []), citation]);
      setQuery("");
      setSource(null);
      setExcerpt("");
      setLocator("");
      onChanged();
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, { detail: "The server did not answer." }));
    }
  }

  async function remove(citation: Citation) {
    await removeCitation(citation.id);
    setCitations((list) => (list ?? []).filter((c) => c.id !== citation.id));
    onChanged();
  }

  return (
    <fieldset class="citations">
      <legend>Citations</legend>
      {citations === null && claimId > 0 && <p aria-busy="true">Loading…</p>}
      <ul class="citation-list" aria-label="Citations">
        {citations?.map((c) => (
          <li key={c.id}>
            <span class={`stance s-${c.stance}`}>{c.stance}</span>{" "}
            <strong>{c.source_detail?.name ?? c.url}</strong>
            {c.source_detail?.status === "pending" && <span class="pending"> (new source, pending review)</span>}
            {c.excerpt && <blockquote>{c.excerpt}</blockquote>}
            <button type="button" class="small link" onClick={() => remove(c)} aria-label={`Remove citation of ${c.source_detail?.name ?? c.url}`}>
              Remove
            </button>
          </li>
        ))}
      </ul>
      <form onSubmit={submit} aria-label="Add a citation" class="citation-form">
        <label>
          Source
          <input
            type="search"
            role="combobox"
            aria-expanded={matches.length > 0}
            aria-controls={`sources-${claimId}`}
            aria-autocomplete="list"
            placeholder="Search the registry by name or domain, or paste a URL"
            value={source ? `${source.name} (${source.domain})` : query}
            onInput={(e) => {
              setSource(null);
              setQuery(e.currentTarget.value);
            }}
            data-shortcut-search
          />
        </label>
        {matches.length > 0 && (
          <ul id={`sources-${claimId}`} role="listbox" aria-label="Matching sources" class="matches">
            {matches.map((m) => (
              <li
                key={m.id}
                role="option"
                aria-selected="false"
                tabIndex={0}
                onClick={() => setSource(m)}
                onKeyDown={(e) => e.key === "Enter" && (e.preventDefault(), setSource(m))}
              >
                {m.name} <span class="muted">{m.domain}</span>
              </li>
            ))}
          </ul>
        )}
        {isUrl && !source && <p class="hint">A URL: a registered domain links to its source; an unknown one is proposed as a new source.</p>}
        <label>
          Excerpt
          <textarea rows={2} value={excerpt} onInput={(e) => setExcerpt(e.currentTarget.value)} />
        </label>
        <div class="form-row">
          <label>
            Stance
            <select value={stance} onChange={(e) => setStance(e.currentTarget.value as Stance)}>
              {STANCES.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
          </label>
          <label>
            Locator
            <input value={locator} placeholder="page, section…" onInput={(e) => setLocator(e.currentTarget.value)} />
          </label>
        </div>
        {error && (
          <p role="alert" class="error">
            {error.message}
          </p>
        )}
        <button type="submit" disabled={!source && !query.trim()}>
          Add citation
        </button>
      </form>
    </fieldset>
  );
}
