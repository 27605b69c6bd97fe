// Pure helpers for the bulk import's progress display (tested in progress.test.ts).
import type { ImportJob } from "./api";

export function isFinished(job: Pick<ImportJob, "status">): boolean {
  return job.status === "done" || job.status === "failed";
}

/** Imported and every imported article tagged (or failed): nothing more will change. */
export function isSettled(job: ImportJob): boolean {
  if (job.status === "failed") return true;
  return isFinished(job) && job.tagged + job.tagging_failed >= job.imported;
}

/** "80 of 118 articles tagged · 1 failed" */
export function taggingText(job: ImportJob): string {
  const failed = job.tagging_failed ? ` · ${job.tagging_failed} failed` : "";
  const noun = job.imported === 1 ? "article" : "articles";
  return `${job.tagged} of ${job.imported} ${noun} tagged${failed}`;
}

/** "120 of 171 rows · 118 imported · 1 duplicate · 1 error" */
export function progressText(job: ImportJob): string {
  const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
  return [
    `${job.processed} of ${plural(job.total, "row")}`,
    `${job.imported} imported`,
    plural(job.duplicates, "duplicate"),
    plural(job.errors.length, "error"),
  ].join(" · ");
}

/** How long to wait before asking again: quick at first, slower for long jobs. */
export function pollDelay(attempt: number): number {
  return Math.min(2000, 300 + attempt * 100);
}
