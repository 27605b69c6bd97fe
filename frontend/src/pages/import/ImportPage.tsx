// The Import page: paste text or HTML, fetch a URL, upload a file, or run a bulk CSV/JSONL
// import with a progress bar. A single article lands in its workspace at /articles/{id}.
import { useEffect, useState } from "preact/hooks";
import { navigate } from "../../router";
import {
  EMPTY_METADATA,
  getJob,
  type ImportedArticle,
  type ImportJob,
  importFile,
  importPasted,
  importUrl,
  type Metadata,
  problems,
  startBulk,
} from "./api";
import "./import.css";
import { isFinished, isSettled, pollDelay, progressText, taggingText } from "./progress";

type Mode = "paste" | "url" | "file" | "bulk";
const MODES: [Mode, string][] = [
  ["paste", "Paste"],
  ["url", "From a URL"],
  ["file", "Upload a file"],
  ["bulk", "Bulk (CSV / JSONL)"],
];

interface Problems {
  detail: string;
  fields: Record<string, string>;
}
const NO_PROBLEMS: Problems = { detail: "", fields: {} };

function FieldError({ problems: p, name }: { problems: Problems; name: string }) {
  const message = p.fields[name];
  return message ? (
    <span class="field-error" id={`${name}-error`}>
      {message}
    </span>
  ) : null;
}

function MetadataFields({
  meta,
  setMeta,
  problems: p,
  urlRequired = false,
}: {
  meta: Metadata;
  setMeta: (m: Metadata) => void;
  problems: Problems;
  urlRequired?: boolean;
}) {
  const field = (name: keyof Metadata, label: string, type = "text", required = false) => (
    <label class={`meta-field meta-${name}`}>
      {label}
      {!required && <span class="muted"> (optional)</span>}
      <input
        type={type}
        name={name}
        value={meta[name]}
        required={required}
        aria-invalid={p.fields[name === "date" ? "published_at" : name] ? "true" : undefined}
        onInput={(e) => setMeta({ ...meta, [name]: e.currentTarget.value })}
      />
      <FieldError problems={p} name={name === "date" ? "published_at" : name} />
    </label>
  );
  return (
    <div class="meta-grid">
      {urlRequired && field("url", "URL", "url", true)}
      {field("title", "Title")}
      {field("outlet", "Outlet")}
      {field("author", "Author")}
      {!urlRequired && field("url", "URL", "url")}
      {field("date", "Published", "date")}
    </div>
  );
}

function BulkProgress({ job }: { job: ImportJob }) {
  const finished = isFinished(job);
  return (
    <section class="bulk-progress" aria-label="Bulk import progress">
      <p>
        <strong>{job.filename}</strong> — {job.status}
      </p>
      <progress max={Math.max(job.total, 1)} value={job.processed} aria-label="Rows imported">
        {job.percent}%
      </progress>
      <p aria-live="polite" class="progress-text">
        {progressText(job)}
      </p>
      {job.imported > 0 && (
        <>
          <progress max={job.imported} value={job.tagged + job.tagging_failed} aria-label="Articles tagged" />
          <p aria-live="polite" class="progress-text tagging-text">
            {taggingText(job)}
          </p>
        </>
      )}
      {job.error && (
        <p role="alert" class="error">
          {job.error}
        </p>
      )}
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
      {finished && (
        <p>
          <a
            href="/"
            onClick={(e) => {
              e.preventDefault();
              navigate("/");
            }}
          >
            Go to the queue
          </a>
        </p>
      )}
    </section>
  );
}

export function ImportPage() {
  const [mode, setMode] = useState<Mode>("paste");
  const [meta, setMeta] = useState<Metadata>(EMPTY_METADATA);
  const [content, setContent] = useState("");
  const [isHtml, setIsHtml] = useState(false);
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [p, setProblems] = useState<Problems>(NO_PROBLEMS);
  const [job, setJob] = useState<ImportJob | null>(null);

  // Follow a bulk job until its rows are imported and its articles tagged.
  useEffect(() => {
    if (!job || isSettled(job)) return;
    let attempt = 0;
    let cancelled = false;
    let timer = 0;
    const poll = () => {
      timer = window.setTimeout(async () => {
        try {
          const next = await getJob(job.id);
          if (cancelled) return;
          setJob(next);
          if (!isSettled(next)) poll();
        } catch (error) {
          if (!cancelled) setProblems(problems(error));
        }
      }, pollDelay(attempt++));
    };
    poll();
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [job?.id]);

  const done = (article: ImportedArticle) => navigate(`/articles/${article.id}`);

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setProblems(NO_PROBLEMS);
    try {
      if (mode === "paste") done(await importPasted(meta, content, isHtml));
      else if (mode === "url") done(await importUrl(meta));
      else if (mode === "file") {
        if (!file) throw new Error("Choose a file to import.");
        done(await importFile(meta, file));
      } else {
        if (!file) throw new Error("Choose a CSV or JSONL file.");
        setJob(await startBulk(file));
      }
    } catch (error) {
      setProblems(problems(error));
    } finally {
      setBusy(false);
    }
  };

  const switchTo = (next: Mode) => {
    setMode(next);
    setFile(null);
    setJob(null);
    setProblems(NO_PROBLEMS);
  };

  return (
    <section class="import-page" aria-labelledby="import-title">
      <h1 id="import-title">Import</h1>
      <div role="tablist" aria-label="How to import" class="import-tabs">
        {MODES.map(([value, label]) => (
          <button
            key={value}
            type="button"
            role="tab"
            id={`tab-${value}`}
            aria-selected={mode === value}
            aria-controls="import-panel"
            class={mode === value ? "active" : undefined}
            onClick={() => switchTo(value)}
          >
            {label}
          </button>
        ))}
      </div>
      <form id="import-panel" role="tabpanel" aria-labelledby={`tab-${mode}`} onSubmit={submit} noValidate>
        {mode === "paste" && (
          <>
            <MetadataFields meta={meta} setMeta={setMeta} problems={p} />
            <fieldset class="format">
              <legend>What you paste</legend>
              <label class="check">
                <input type="radio" name="format" checked={!isHtml} onChange={() => setIsHtml(false)} />
                Text
              </label>
              <label class="check">
                <input type="radio" name="format" checked={isHtml} onChange={() => setIsHtml(true)} />
                HTML
              </label>
            </fieldset>
            <label>
              {isHtml ? "Article HTML" : "Article text"}
              <textarea
                rows={14}
                name={isHtml ? "html" : "text"}
                value={content}
                aria-invalid={p.fields.text || p.fields.html ? "true" : undefined}
                onInput={(e) => setContent(e.currentTarget.value)}
              />
              <FieldError problems={p} name={isHtml && p.fields.html ? "html" : "text"} />
            </label>
            <p class="muted hint">
              Page furniture (audio-player prompts, share buttons, a "By:" line) is removed; a
              byline becomes the author. HTML is sanitised.
            </p>
          </>
        )}
        {mode === "url" && (
          <>
            <MetadataFields meta={meta} setMeta={setMeta} problems={p} urlRequired />
            <p class="muted hint">
              The server fetches the page and keeps its main text, title, author, date and site.
              What you type here wins over what the page says.
            </p>
          </>
        )}
        {(mode === "file" || mode === "bulk") && (
          <>
            <label>
              {mode === "file" ? "File (.html, .htm, .txt, .md)" : "File (.csv or .jsonl)"}
              <input
                type="file"
                name="file"
                accept={mode === "file" ? ".html,.htm,.txt,.md,.markdown" : ".csv,.jsonl,.ndjson"}
                aria-invalid={p.fields.file ? "true" : undefined}
                onChange={(e) => setFile(e.currentTarget.files?.[0] ?? null)}
              />
              <FieldError problems={p} name="file" />
            </label>
            {mode === "file" && <MetadataFields meta={meta} setMeta={setMeta} problems={p} />}
            {mode === "bulk" && (
              <p class="muted hint">
                Columns: title, text or html or url, outlet, author, published_at (or date), url.
                Each bad row is reported with its number; the good rows import.
              </p>
            )}
          </>
        )}
        {p.detail && (
          <p role="alert" class="error">
            {p.detail}
          </p>
        )}
        <button type="submit" disabled={busy || (job !== null && !isFinished(job))}>
          {busy ? "Importing…" : mode === "bulk" ? "Start import" : "Import"}
        </button>
      </form>
      {job && <BulkProgress job={job} />}
    </section>
  );
}
