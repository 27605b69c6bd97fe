// The fact-check archive: search every fact-check (ours and imported ClaimReview), import
// a ClaimReview / DataFeed / JSONL / CSV file as a job with progress and per-row errors,
// and — with ?claim=ID — see what a claim was checked in before and cite it.
import { useEffect, useState } from "preact/hooks";
import { api } from "../../api/client";
import {
  type FactCheck,
  type FactCheckImportJob,
  getFactCheckImport,
  scoreText,
  searchFactChecks,
  startFactCheckImport,
} from "../../api/factchecks";
import { CheckedBefore } from "../../components/CheckedBefore";
import "./factchecks.css";

function claimParam(): number | undefined {
  const value = new URLSearchParams(location.search).get("claim");
  return value && /^\d+$/.test(value) ? Number(value) : undefined;
}

interface ClaimBrief {
  id: number;
  version: number;
  statement: string;
  exact: string;
}

function ClaimPanel({ claimId }: { claimId: number }) {
  const [claim, setClaim] = useState<ClaimBrief | null>(null);
  const [problem, setProblem] = useState("");
  useEffect(() => {
    api<ClaimBrief>(`/api/claims/${claimId}/`)
      .then(setClaim)
      .catch((e: unknown) => setProblem(e instanceof Error ? e.message : String(e)));
  }, [claimId]);
  if (problem)
    return (
      <p role="alert" class="error">
        {problem}
      </p>
    );
  if (!claim) return <p aria-busy="true">Loading the claim…</p>;
  return (
    <section class="fc-claim" aria-label="Claim">
      <p>
        Claim: <q>{claim.statement || claim.exact}</q>
      </p>
      <CheckedBefore claimId={claim.id} claimVersion={claim.version} />
    </section>
  );
}

function ImportBox() {
  const [file, setFile] = useState<File | null>(null);
  const [job, setJob] = useState<FactCheckImportJob | null>(null);
  const [problem, setProblem] = useState("");

  useEffect(() => {
    if (!job || job.status === "done" || job.status === "failed") return;
    const timer = setTimeout(() => getFactCheckImport(job.id).then(setJob).catch(() => {}), 500);
    return () => clearTimeout(timer);
  }, [job]);

  async function start(e: Event) {
    e.preventDefault();
    if (!file) return;
    setProblem("");
    try {
      setJob(await startFactCheckImport(file));
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
      const body = (error as { body?: Record<string, unknown> }).body;
      if (body && Array.isArray(body.file)) setProblem(String(body.file[0]));
    }
  }

  return (
    <section class="fc-import" aria-label="Import fact-checks">
      <h2>Import fact-checks</h2>
      <form onSubmit={start}>
        <label>
          ClaimReview JSON-LD, DataFeed, JSON Lines or CSV
          <input
            type="file"
            accept=".json,.jsonld,.jsonl,.ndjson,.csv"
            onChange={(e) => setFile(e.currentTarget.files?.[0] ?? null)}
          />
        </label>
        <button type="submit" disabled={!file}>
          Import
        </button>
      </form>
      {problem && (
        <p role="alert" class="error">
          {problem}
        </p>
      )}
      {job && (
        <div class="fc-job">
          <p>
            <strong>{job.filename}</strong> — {job.status}
          </p>
          <progress max={Math.max(job.total, 1)} value={job.processed} aria-label="Rows read" />
          <p aria-live="polite" class="fc-job-text">
            {job.processed} of {job.total} rows: {job.imported} new, {job.updated} updated,{" "}
            {job.duplicates} already there, {job.errors.length} not imported
          </p>
          {job.error && <p class="error">{job.error}</p>}
          {job.errors.length > 0 && (
            <table class="row-errors">
              <caption>Rows not imported</caption>
              <thead>
                <tr>
                  <th scope="col">Row</th>
                  <th scope="col">Field</th>
                  <th scope="col">Reason</th>
                </tr>
              </thead>
              <tbody>
                {job.errors.map((e) => (
                  <tr key={`${e.row}-${e.field}`}>
                    <td class="num">{e.row}</td>
                    <td>{e.field}</td>
                    <td>{e.error}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      )}
    </section>
  );
}

export function FactChecksPage() {
  const claimId = claimParam();
  const [q, setQ] = useState("");
  const [results, setResults] = useState<FactCheck[] | null>(null);
  const [count, setCount] = useState(0);
  const [problem, setProblem] = useState("");

  async function search(e?: Event) {
    e?.preventDefault();
    setProblem("");
    try {
      const page = await searchFactChecks(q);
      setResults(page.results);
      setCount(page.count);
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
    }
  }

  useEffect(() => {
    search();
  }, []);

  return (
    <div class="fc-page">
      <h1>Fact-checks</h1>
      {claimId !== undefined && <ClaimPanel claimId={claimId} />}
      <form role="search" onSubmit={search} class="fc-search">
        <label>
          Search fact-checks
          <input type="search" value={q} onInput={(e) => setQ(e.currentTarget.value)} />
        </label>
        <button type="submit">Search</button>
      </form>
      {problem && (
        <p role="alert" class="error">
          {problem}
        </p>
      )}
      {results && (
        <>
          <p class="muted">{count} fact-checks</p>
          <ol class="fc-results" aria-label="Fact-checks">
            {results.map((f) => (
              <li key={f.id}>
                <a href={f.public_url ?? f.url} target="_blank" rel="noopener noreferrer">
                  {f.claim_reviewed}
                </a>
                <div class="muted">
                  <strong>{f.rating_name || "no rating"}</strong> · {f.publisher || "unknown"}
                  {f.date_published ? ` · ${f.date_published}` : ""}
                  {f.score !== undefined ? ` · ${scoreText(f.score)}` : ""}
                  {f.origin === "ours" ? " · ours" : ""}
                </div>
              </li>
            ))}
          </ol>
        </>
      )}
      <ImportBox />
    </div>
  );
}
