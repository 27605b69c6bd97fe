// The export page's pure parts: formats, the filter query, job progress.

export const FORMATS: { value: string; label: string }[] = [
  { value: "csv", label: "CSV (one row per claim)" },
  { value: "json", label: "JSON Lines" },
  { value: "claimreview", label: "schema.org ClaimReview (published claims)" },
  { value: "webannotation", label: "W3C Web Annotation" },
  { value: "html", label: "HTML report" },
  { value: "pdf", label: "PDF report" },
];

export interface ExportFilters {
  article: string;
  outlet: string;
  status: string;
  verdict: string;
  reviewer: string;
  date_from: string;
  date_to: string;
  date_field: string;
}

export const NO_FILTERS: ExportFilters = {
  article: "",
  outlet: "",
  status: "",
  verdict: "",
  reviewer: "",
  date_from: "",
  date_to: "",
  date_field: "",
};

/** The filters without blanks, as the API and the export job take them. */
export function activeFilters(filters: ExportFilters): Record<string, string> {
  return Object.fromEntries(
    Object.entries(filters)
      .map(([key, value]) => [key, value.trim()] as const)
      .filter(([, value]) => value !== ""),
  );
}

export function downloadUrl(format: string, filters: ExportFilters): string {
  const query = new URLSearchParams(activeFilters(filters)).toString();
  return `/api/exports/claims.${format}${query ? `?${query}` : ""}`;
}

export interface ExportJob {
  id: number;
  format: string;
  status: "queued" | "running" | "done" | "failed";
  total: number;
  processed: number;
  progress: number;
  error: string;
  warnings: string[];
  download_url: string | null;
}

export function progressText(job: ExportJob): string {
  if (job.status === "done") return `Done: ${job.total.toLocaleString("en")} claims`;
  if (job.status === "failed") return `Failed: ${job.error}`;
  if (job.status === "queued") return "Waiting for a worker…";
  return `${job.processed.toLocaleString("en")} of ${job.total.toLocaleString("en")} claims (${Math.round(job.progress * 100)}%)`;
}

export const finished = (job: ExportJob) => job.status === "done" || job.status === "failed";
