// The import endpoints and their JSON (see factcheck/articles/views_imports.py).
import { api, ApiError } from "../../api/client";
import type { Article } from "../../api/types";

export interface ImportedArticle extends Article {
  /** True when the same text or URL was imported before: this is the earlier article. */
  duplicate: boolean;
}

export interface RowError {
  row: number;
  field: string;
  error: string;
}

export type JobStatus = "queued" | "running" | "done" | "failed";

export interface ImportJob {
  id: number;
  filename: string;
  status: JobStatus;
  total: number;
  processed: number;
  imported: number;
  duplicates: number;
  percent: number;
  /** The job's articles the pre-tagger has finished, and failed on. */
  tagged: number;
  tagging_failed: number;
  errors: RowError[];
  error: string;
  created_at: string;
  finished_at: string | null;
}

export interface Metadata {
  title: string;
  outlet: string;
  author: string;
  url: string;
  /** yyyy-mm-dd from a date input, or "" */
  date: string;
}

export const EMPTY_METADATA: Metadata = { title: "", outlet: "", author: "", url: "", date: "" };

/** The metadata as the API takes it: a date becomes midnight UTC, blanks are left out. */
export function metadataBody(meta: Metadata): Record<string, string | null> {
  const body: Record<string, string | null> = {};
  for (const key of ["title", "outlet", "author", "url"] as const) {
    const value = meta[key].trim();
    if (value) body[key] = value;
  }
  body.published_at = meta.date ? `${meta.date}T00:00:00Z` : null;
  return body;
}

export function importPasted(meta: Metadata, content: string, isHtml: boolean) {
  return api<ImportedArticle>("/api/articles/", {
    method: "POST",
    body: { ...metadataBody(meta), [isHtml ? "html" : "text"]: content },
  });
}

export function importUrl(meta: Metadata) {
  return api<ImportedArticle>("/api/articles/from-url/", {
    method: "POST",
    body: metadataBody(meta),
  });
}

export function importFile(meta: Metadata, file: File) {
  const form = new FormData();
  for (const [key, value] of Object.entries(metadataBody(meta))) if (value) form.append(key, value);
  form.append("file", file);
  return api<ImportedArticle>("/api/articles/upload/", { method: "POST", body: form });
}

export function startBulk(file: File) {
  const form = new FormData();
  form.append("file", file);
  return api<ImportJob>("/api/imports/", { method: "POST", body: form });
}

export function getJob(id: number) {
  return api<ImportJob>(`/api/imports/${id}/`);
}

/** Field → first problem, plus the overall message, from an API error. */
export function problems(error: unknown): { detail: string; fields: Record<string, string> } {
  if (!(error instanceof ApiError)) return { detail: String(error), fields: {} };
  const fields: Record<string, string> = {};
  for (const key of Object.keys(error.body)) {
    if (key === "detail") continue;
    const message = error.fieldError(key);
    if (message) fields[key] = message;
  }
  return { detail: error.message, fields };
}
