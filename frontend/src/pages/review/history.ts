// Turning claim history events into readable lines (pure, tested in history.test.ts).

export interface ClaimEvent {
  id: number;
  claim: number;
  actor: { id: number; username: string; display_name: string } | null;
  action: string;
  changes: Record<string, unknown>;
  created_at: string;
}

const ACTIONS: Record<string, string> = {
  created: "created the claim",
  updated: "edited",
  cited: "cited a source",
  citation_updated: "changed a citation",
  uncited: "removed a citation",
  commented: "commented",
  submitted: "submitted for review",
  submit: "submitted for review",
  approve: "approved",
  return: "returned to the reviewer",
  publish: "published",
  unpublish: "unpublished",
  deleted: "deleted the claim",
  comment_deleted: "deleted a comment",
  reanchored: "re-anchored",
  orphaned: "lost its place in the article",
  corrected: "published a correction",
  citation_source_merged: "source merged in the registry",
};

const FIELD_NAMES: Record<string, string> = {
  statement: "claim",
  claimant: "claimant",
  claim_date: "date",
  verdict: "verdict",
  rationale: "rationale",
  assignee: "assignee",
  start: "start",
  end: "end",
  exact: "quote",
};

function short(value: unknown, max = 60): string {
  if (value === null || value === undefined || value === "") return "—";
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** "approved", "edited verdict: 3 → 5", "cited a source: https://…", … */
export function describeEvent(
  event: Pick<ClaimEvent, "action" | "changes">,
  verdictName: (id: unknown) => string = (id) => short(id),
): string {
  const label = ACTIONS[event.action] ?? event.action.replace(/_/g, " ");
  const changes = event.changes ?? {};
  // A change to an approved claim sent it back to review (the record's rule): say so.
  const backToReview = "approval_cleared" in changes ? " — back to review, approval cleared" : "";
  if (event.action === "updated") {
    const parts = Object.entries(changes)
      .filter(([field]) => field !== "status" && field !== "approval_cleared")
      .map(([field, pair]) => {
        const [before, after] = Array.isArray(pair) ? pair : [undefined, pair];
        const show = field === "verdict" ? verdictName : (v: unknown) => short(v, 40);
        return `${FIELD_NAMES[field] ?? field}: ${show(before)} → ${show(after)}`;
      });
    return (parts.length ? `${label} ${parts.join("; ")}` : label) + backToReview;
  }
  if (event.action === "approve" && typeof changes.override_reason === "string") {
    return `approved with unverified evidence: “${short(changes.override_reason, 200)}”`;
  }
  if (event.action === "corrected" && typeof changes.note === "string") {
    return `${label}: “${short(changes.note, 200)}”`;
  }
  const comment = changes.comment as { body?: string } | undefined;
  if (comment?.body) return `${label}: “${short(comment.body, 200)}”`;
  if (["cited", "uncited"].includes(event.action)) {
    const url = (changes.url as string) || "";
    return (url ? `${label}: ${short(url)}` : label) + backToReview;
  }
  return label + backToReview;
}

export function actorName(event: Pick<ClaimEvent, "actor">): string {
  return event.actor?.display_name || event.actor?.username || "system";
}
