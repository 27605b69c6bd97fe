// The review queue's pure parts: its query, its keys, moving the selection.

export interface QueueFilters {
  status: string; // in_review (default) or approved (to publish) or published
  outlet: string;
  reviewer: string;
  verdict: string;
  min_age_days: string;
}

export const DEFAULT_FILTERS: QueueFilters = {
  status: "in_review",
  outlet: "",
  reviewer: "",
  verdict: "",
  min_age_days: "",
};

/** The claims-list query for the filters: blanks left out, oldest submission first. */
export function queueQuery(filters: QueueFilters, pageSize = 100): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) if (value.trim()) params.set(key, value.trim());
  params.set("ordering", "submitted_at");
  params.set("page_size", String(pageSize));
  return `/api/claims/?${params}`;
}

export type QueueAction = "next" | "previous" | "approve" | "return" | "publish" | "help";

const KEYS: Record<string, QueueAction> = {
  j: "next",
  k: "previous",
  ArrowDown: "next",
  ArrowUp: "previous",
  a: "approve",
  r: "return",
  p: "publish",
  "?": "help",
};

export function keyAction(event: Pick<KeyboardEvent, "key" | "ctrlKey" | "metaKey" | "altKey">): QueueAction | null {
  if (event.ctrlKey || event.metaKey || event.altKey) return null;
  return KEYS[event.key] ?? null;
}

/** The new selected index after moving by `delta`, kept inside the list. */
export function move(index: number, delta: number, length: number): number {
  if (length === 0) return 0;
  return Math.min(length - 1, Math.max(0, index + delta));
}

export const QUEUE_SHORTCUTS: [string, string][] = [
  ["j / k", "Next / previous claim"],
  ["a", "Approve the selected claim"],
  ["r", "Return it to the reviewer with a comment"],
  ["p", "Publish the selected (approved) claim"],
  ["?", "Show these shortcuts"],
  ["Esc", "Close a dialog"],
];

/** Days since an ISO time, for the age column. */
export function ageDays(iso: string | null | undefined, now: number = Date.now()): number | null {
  if (!iso) return null;
  return Math.floor((now - new Date(iso).getTime()) / 86_400_000);
}
