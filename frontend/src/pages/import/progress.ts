// Pure helpers for the bulk import's progress display (tested in progress.test.ts).
import type { ImportJob } from "./api";

export function isFinished(job: Pick<ImportJob, "status">): boolean {
  return job.status === "done" || job.status === "failed";
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
