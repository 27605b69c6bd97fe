import { describe, expect, it } from "vitest";
import { NO_FILTERS, activeFilters, downloadUrl, finished, progressText, type ExportJob } from "./query";

const job = (over: Partial<ExportJob>): ExportJob => ({
  id: 1,
  format: "csv",
  status: "running",
  total: 10000,
  processed: 2500,
  progress: 0.25,
  error: "",
  warnings: [],
  download_url: null,
  ...over,
});

describe("export query", () => {
  it("drops blank filters", () => {
    expect(activeFilters({ ...NO_FILTERS, outlet: " Daily ", status: "published" })).toEqual({
      outlet: "Daily",
      status: "published",
    });
  });
  it("builds the streamed download URL", () => {
    expect(downloadUrl("csv", NO_FILTERS)).toBe("/api/exports/claims.csv");
    expect(downloadUrl("claimreview", { ...NO_FILTERS, date_from: "2024-01-01", verdict: "false" })).toBe(
      "/api/exports/claims.claimreview?verdict=false&date_from=2024-01-01",
    );
  });
  it("describes a job's progress", () => {
    expect(progressText(job({}))).toBe("2,500 of 10,000 claims (25%)");
    expect(progressText(job({ status: "done" }))).toBe("Done: 10,000 claims");
    expect(progressText(job({ status: "failed", error: "disk full" }))).toBe("Failed: disk full");
    expect(finished(job({}))).toBe(false);
    expect(finished(job({ status: "done" }))).toBe(true);
  });
});
