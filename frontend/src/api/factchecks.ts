// The fact-check endpoints (see factcheck/factchecks/views.py): search, "checked before?"
// suggestions, one-click citing, and import jobs.
import { api, type Page } from "./client";

export interface Suggestion {
  id: number;
  url: string;
  claim_reviewed: string;
  rating: string;
  publisher: string;
  date: string | null;
  origin: "ours" | "imported";
  claimant: string;
  /** 0..1: the estimated probability that this fact-check checked the claim. */
  score: number;
  /** Already cited on this claim. */
  cited?: boolean;
}

export interface Suggestions {
  text: string;
  matches: Suggestion[];
}

export type Stance = "context" | "supports" | "contradicts";

export interface FactCheck {
  id: number;
  url: string;
  origin: "ours" | "imported";
  claim_reviewed: string;
  title: string;
  claimant: string;
  rating_name: string;
  publisher: string;
  date_published: string | null;
  language: string;
  public_url: string | null;
  score?: number;
}

export interface FactCheckImportJob {
  id: number;
  filename: string;
  status: "queued" | "running" | "done" | "failed";
  total: number;
  processed: number;
  imported: number;
  updated: number;
  duplicates: number;
  errors: { row: number; field: string; error: string }[];
  error: string;
  created_at: string;
  finished_at: string | null;
}

export function suggestionsFor(subject: { claim?: number; candidate?: number }, top = 5) {
  const params = new URLSearchParams({ top: String(top) });
  if (subject.claim !== undefined) params.set("claim", String(subject.claim));
  if (subject.candidate !== undefined) params.set("candidate", String(subject.candidate));
  return api<Suggestions>(`/api/fact-checks/suggestions/?${params}`);
}

export function citeFactCheck(factCheck: number, claim: number, version: number, stance: Stance) {
  return api<{ citation: number; claim: number; claim_version: number }>(
    `/api/fact-checks/${factCheck}/cite/`,
    { method: "POST", body: { claim, version, stance } },
  );
}

export function searchFactChecks(q: string, page = 1) {
  const params = new URLSearchParams({ page: String(page) });
  if (q.trim()) params.set("q", q.trim());
  return api<Page<FactCheck>>(`/api/fact-checks/?${params}`);
}

export function startFactCheckImport(file: File) {
  const form = new FormData();
  form.append("file", file);
  return api<FactCheckImportJob>("/api/fact-check-imports/", { method: "POST", body: form });
}

export function getFactCheckImport(id: number) {
  return api<FactCheckImportJob>(`/api/fact-check-imports/${id}/`);
}

/** A score as people read it. */
export function scoreText(score: number): string {
  return `${Math.round(score * 100)}% match`;
}
