// What a citation's capture means to the person reading it: one word, a sentence, and
// whether it blocks approval. Pure, so every case is tested (state.test.ts).
import type { Citation } from "../api/types";

export type EvidenceKind = "verified" | "not_found" | "failed" | "pending" | "no_page";

export interface EvidenceState {
  kind: EvidenceKind;
  label: string;
  detail: string;
  /** Approval needs an editor's reason while this holds. */
  blocks: boolean;
}

export function evidenceState(citation: Pick<Citation, "url" | "excerpt" | "capture">): EvidenceState {
  const capture = citation.capture;
  if (!citation.url || !capture) {
    return {
      kind: "no_page",
      label: "No web page",
      detail: "Cited from the registry by its locator; nothing to capture.",
      blocks: false,
    };
  }
  if (capture.status === "pending") {
    return { kind: "pending", label: "Capturing…", detail: "The page is being fetched and stored.", blocks: true };
  }
  if (capture.status === "failed") {
    return {
      kind: "failed",
      label: "Capture failed",
      detail: capture.error || "The page could not be fetched.",
      blocks: true,
    };
  }
  const when = capture.fetched_at ? ` on ${capture.fetched_at.slice(0, 10)}` : "";
  if (capture.excerpt_found === false) {
    return {
      kind: "not_found",
      label: "Excerpt not found",
      detail: `The page was captured${when}, but the excerpt is not on it.`,
      blocks: true,
    };
  }
  return {
    kind: "verified",
    label: "Verified",
    detail: citation.excerpt.trim()
      ? `Captured${when}; the excerpt is on the page.`
      : `Captured${when}.`,
    blocks: false,
  };
}

/** True while any citation is still being captured (worth polling for). */
export const anyPending = (citations: Pick<Citation, "url" | "excerpt" | "capture">[]) =>
  citations.some((c) => evidenceState(c).kind === "pending");
