import { describe, expect, it } from "vitest";
import type { ImportJob } from "./api";
import { metadataBody } from "./api";
import { isFinished, isSettled, pollDelay, progressText, taggingText } from "./progress";

const job = (over: Partial<ImportJob> = {}): ImportJob => ({
  id: 1,
  filename: "rows.csv",
  status: "running",
  total: 171,
  processed: 120,
  imported: 118,
  duplicates: 1,
  percent: 70,
  tagged: 80,
  tagging_failed: 0,
  errors: [{ row: 3, field: "text", error: "empty" }],
  error: "",
  created_at: "",
  finished_at: null,
  ...over,
});

describe("bulk import progress", () => {
  it("says how far the job is, in words", () => {
    expect(progressText(job())).toBe("120 of 171 rows · 118 imported · 1 duplicate · 1 error");
    expect(progressText(job({ total: 1, processed: 0, imported: 0, duplicates: 2, errors: [] }))).toBe(
      "0 of 1 row · 0 imported · 2 duplicates · 0 errors",
    );
  });
  it("knows when to stop polling", () => {
    expect(isFinished(job())).toBe(false);
    expect(isFinished(job({ status: "done" }))).toBe(true);
    expect(isFinished(job({ status: "failed" }))).toBe(true);
  });
  it("follows the tagging of the imported articles until all are done", () => {
    expect(taggingText(job())).toBe("80 of 118 articles tagged");
    expect(taggingText(job({ imported: 1, tagged: 0, tagging_failed: 1 }))).toBe(
      "0 of 1 article tagged · 1 failed",
    );
    expect(isSettled(job({ status: "done" }))).toBe(false); // still tagging
    expect(isSettled(job({ status: "done", tagged: 117, tagging_failed: 1 }))).toBe(true);
    expect(isSettled(job({ status: "running", tagged: 118 }))).toBe(false); // still importing
    expect(isSettled(job({ status: "failed" }))).toBe(true);
  });
  it("backs off, up to two seconds", () => {
    expect(pollDelay(0)).toBe(300);
    expect(pollDelay(100)).toBe(2000);
  });
});

describe("metadata", () => {
  it("leaves blanks out and turns a date into midnight UTC", () => {
    expect(metadataBody({ title: " T ", outlet: "", author: "A", url: "", date: "2024-03-05" })).toEqual({
      title: "T",
      author: "A",
      published_at: "2024-03-05T00:00:00Z",
    });
    expect(metadataBody({ title: "", outlet: "", author: "", url: "", date: "" })).toEqual({
      published_at: null,
    });
  });
});
