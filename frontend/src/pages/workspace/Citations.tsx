// A claim's citations: the evidence with its capture state, and the form that cites a
// registry source (searched by name or domain as you type) or a pasted URL (the server
// links a registered, approved domain to its source and captures the page). Evidence
// changes only while the claim is a draft or returned: otherwise the form is locked, and a
// change refused by the server (the claim moved on meanwhile) says why, where it was tried.
import { useEffect, useState } from "preact/hooks";
import { ApiError } from "../../api/client";
import type { Citation, ClaimStatus, Source, Stance } from "../../api/types";
import {
  addCitation,
  getCitations,
  recaptureCitation,
  removeCitation,
  searchSources,
} from "../../api/workspace";
import { EvidenceList } from "../../components/Evidence";
import { anyPending } from "../../evidence/state";

const STANCES: Stance[] = ["supports", "contradicts", "context"];
const OPEN: ClaimStatus[] = ["draft", "returned"];
const POLL_MS = 1500;

export function Citations({
  claimId,
  claimStatus,
  refreshKey = 0,
  onChanged,
}: {
  claimId: number;
  claimStatus: ClaimStatus;
  /** Changed by whoever cited from elsewhere (a prior fact-check): reload the list. */
  refreshKey?: number;
  onChanged: () => void;
}) {
  const [citations, setCitations] = useState<Citation[] | null>(null);
  const [query, setQuery] = useState("");
  const [matches, setMatches] = useState<Source[]>([]);
  const [source, setSource] = useState<Source | null>(null);
  const [excerpt, setExcerpt] = useState("");
  const [stance, setStance] = useState<Stance>("supports");
  const [locator, setLocator] = useState("");
  const [error, setError] = useState<ApiError | null>(null);

  const locked = !OPEN.includes(claimStatus);

  useEffect(() => {
    setCitations(null);
    setError(null);
    if (claimId > 0) getCitations(claimId).then(setCitations, () => setCitations([]));
  }, [claimId, refreshKey]);

  // Captures finish in the background: poll while any is pending.
  const pending = anyPending(citations ?? []);
  useEffect(() => {
    if (!pending || claimId <= 0) return;
    const timer = setTimeout(() => getCitations(claimId).then(setCitations, () => undefined), POLL_MS);
    return () => clearTimeout(timer);
  }, [pending, citations, claimId]);

  const fail = (e: unknown) =>
    setError(e instanceof ApiError ? e : new ApiError(0, { detail: "The server did not answer." }));

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
      fail(e);
      if (e instanceof ApiError && e.status === 409) onChanged(); // show the claim as it is now
    }
  }

  async function remove(citation: Citation) {
    setError(null);
    try {
      await removeCitation(citation.id);
      setCitations((list) => (list ?? []).filter((c) => c.id !== citation.id));
      onChanged();
    } catch (e) {
      fail(e);
      if (e instanceof ApiError && e.status === 409) onChanged();
    }
  }

  async function recapture(citation: Citation) {
    setError(null);
    try {
      const fresh = await recaptureCitation(citation.id);
      setCitations((list) => (list ?? []).map((c) => (c.id === fresh.id ? fresh : c)));
    } catch (e) {
      fail(e);
    }
  }

  return (
    <fieldset class="citations">
      <legend>Citations</legend>
      {citations === null && claimId > 0 && <p aria-busy="true">Loading…</p>}
      {citations && (
        <EvidenceList
          citations={citations}
          onRemove={locked ? undefined : remove}
          onRecapture={recapture}
        />
      )}
      {locked && (
        <p class="evidence-lock" role="note">
          Evidence is locked: this claim is {claimStatus.replace("_", " ")}. It can change only while
          the claim is a draft or returned; an editor must return it first.
        </p>
      )}
      <p role="alert" aria-live="assertive" class="error" hidden={!error}>
        {error?.message}
      </p>
      <form onSubmit={submit} aria-label="Add a citation" class="citation-form" hidden={locked}>
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
        {isUrl && !source && (
          <p class="hint">
            A URL: a registered domain links to its source; an unknown one is proposed as a new
            source. The page is captured and the excerpt checked against it.
          </p>
        )}
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
        <button type="submit" disabled={!source && !query.trim()}>
          Add citation
        </button>
      </form>
    </fieldset>
  );
}
