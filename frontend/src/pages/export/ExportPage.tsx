// The editor's export page (/export): filters, a format, then either a direct (streamed)
// download or an export job with a progress bar and a download when it is ready.
import { useEffect, useState } from "preact/hooks";
import { ApiError, api, type Page } from "../../api/client";
import type { VerdictLabel } from "../../api/types";
import {
  FORMATS,
  NO_FILTERS,
  activeFilters,
  downloadUrl,
  finished,
  progressText,
  type ExportFilters,
  type ExportJob,
} from "./query";

export function ExportPage() {
  const [filters, setFilters] = useState<ExportFilters>(NO_FILTERS);
  const [format, setFormat] = useState("csv");
  const [labels, setLabels] = useState<VerdictLabel[]>([]);
  const [job, setJob] = useState<ExportJob | null>(null);
  const [error, setError] = useState("");

  useEffect(() => {
    api<Page<VerdictLabel>>("/api/verdict-labels/?page_size=100").then((p) => setLabels(p.results));
  }, []);

  // Poll the job until it finishes.
  useEffect(() => {
    if (!job || finished(job)) return;
    const timer = setTimeout(async () => {
      try {
        setJob(await api<ExportJob>(`/api/export-jobs/${job.id}/`));
      } catch (e) {
        setError((e as Error).message);
      }
    }, 700);
    return () => clearTimeout(timer);
  }, [job]);

  const field = (name: keyof ExportFilters) => ({
    id: `export-${name}`,
    value: filters[name],
    onChange: (e: Event) => setFilters({ ...filters, [name]: (e.target as HTMLInputElement).value }),
  });

  const startJob = async () => {
    setError("");
    try {
      setJob(
        await api<ExportJob>("/api/export-jobs/", {
          method: "POST",
          body: { format, filters: activeFilters(filters) },
        }),
      );
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    }
  };

  return (
    <section>
      <h1>Export verdicts</h1>
      <form class="filters" aria-label="Export filters" onSubmit={(e) => e.preventDefault()}>
        <label for="export-outlet">
          Outlet
          <input type="text" {...field("outlet")} />
        </label>
        <label for="export-article">
          Article id(s)
          <input type="text" placeholder="3,7" {...field("article")} />
        </label>
        <label for="export-status">
          State
          <select {...field("status")}>
            <option value="">Any</option>
            <option value="draft">Draft</option>
            <option value="in_review">In review</option>
            <option value="returned">Returned</option>
            <option value="approved">Approved</option>
            <option value="published">Published</option>
          </select>
        </label>
        <label for="export-verdict">
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
        <label for="export-reviewer">
          Reviewer
          <input type="text" placeholder="username" {...field("reviewer")} />
        </label>
        <label for="export-date_field">
          Dates apply to
          <select {...field("date_field")}>
            <option value="">Claim created</option>
            <option value="submitted">Submitted</option>
            <option value="approved">Approved</option>
            <option value="published">Published</option>
            <option value="article">Article published</option>
          </select>
        </label>
        <label for="export-date_from">
          From
          <input type="date" {...field("date_from")} />
        </label>
        <label for="export-date_to">
          To
          <input type="date" {...field("date_to")} />
        </label>
      </form>
      <fieldset class="filters">
        <legend>Format</legend>
        {FORMATS.map((f) => (
          <label class="check" key={f.value}>
            <input
              type="radio"
              name="format"
              value={f.value}
              checked={format === f.value}
              onChange={() => setFormat(f.value)}
            />
            {f.label}
          </label>
        ))}
      </fieldset>
      <p>
        <a class="button primary" href={downloadUrl(format, filters)} download>
          Download now
        </a>{" "}
        <button type="button" onClick={startJob} disabled={!!job && !finished(job)}>
          Run as a background job
        </button>{" "}
        <span class="muted">Large exports (and big PDFs) should run as a job.</span>
      </p>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {job && (
        <div aria-live="polite" class="export-job">
          <progress max={1} value={job.status === "queued" ? undefined : job.progress} aria-label="Export progress" />{" "}
          <span>{progressText(job)}</span>{" "}
          {job.download_url && (
            <a class="button" href={job.download_url}>
              Download {job.format}
            </a>
          )}
          {job.warnings.length > 0 && (
            <details>
              <summary>{job.warnings.length} warning(s)</summary>
              <ul>
                {job.warnings.map((w) => (
                  <li key={w}>{w}</li>
                ))}
              </ul>
            </details>
          )}
        </div>
      )}
    </section>
  );
}
