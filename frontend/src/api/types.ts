// Shapes of the API's JSON. Offsets are Unicode code points.

export type Role = "reviewer" | "editor" | "admin" | "none";

export interface Me {
  id: number;
  username: string;
  display_name: string;
  email: string;
  role: Role;
}

export interface UserSummary {
  id: number;
  username: string;
  display_name: string;
}

export type TaggingStatus = "queued" | "running" | "done" | "failed";

export interface ArticleSummary {
  id: number;
  title: string;
  outlet: string;
  author: string;
  url: string;
  published_at: string | null;
  language: string;
  tagging_status: TaggingStatus;
  revision: number;
  created_at: string;
  updated_at: string;
  assignee: UserSummary | null;
  candidates_open: number;
  claims_count: number;
  verdicts_count: number;
}

export interface Article extends ArticleSummary {
  text: string;
  /** Not in the workspace read. */
  html?: string;
  content_hash: string;
  sentences: [number, number, number][];
  tagger_version: string;
  tagging_error: string;
}

export type CandidateKind = "number" | "quote" | "attribution";
export type CandidateStatus = "open" | "accepted" | "dismissed";

/** A pre-tagged candidate. In the browser, start/end are UTF-16 offsets (converted at the
 * API edge, see api/edge.ts); on the wire they are code points. */
export interface Candidate {
  id: number;
  kind: CandidateKind;
  start: number;
  end: number;
  text: string;
  data: { speaker?: string; source?: string; value?: number; unit?: string } & Record<
    string,
    unknown
  >;
  score: number;
  /** 0..1: how likely a fact-checker checks it (bare months, ordinals, small counts score
   * low); below CHECKABLE_THRESHOLD it is shown only on demand. */
  checkable?: number;
  status: CandidateStatus;
  claim: number | null;
}

/** GET /api/articles/{id}/workspace/: everything the workspace shows, in one request.
 * Candidates come without `text` (the client slices the article). */
export interface WorkspaceData {
  article: Article;
  claims: Claim[];
  /** The order of each candidate array's values. */
  candidate_fields: string[];
  candidates: unknown[][];
  labels: VerdictLabel[];
}

export type ClaimStatus = "draft" | "in_review" | "returned" | "approved" | "published";

export interface Claim {
  id: number;
  article: number;
  start: number;
  end: number;
  exact: string;
  prefix: string;
  suffix: string;
  anchor_status: "anchored" | "moved" | "fuzzy" | "orphaned";
  statement: string;
  claimant: string;
  claim_date: string | null;
  status: ClaimStatus;
  verdict: number | null;
  rationale: string;
  version: number;
  citations_count: number;
  created_by: UserSummary | null;
  /** In the workspace read and the claims list (the list sends an id only). */
  assignee?: UserSummary | number | null;
  /** Workflow actions the requesting user may take now. */
  transitions?: string[];
  updated_at: string;
  approval_override?: string;
  first_published_at?: string | null;
}

export interface Comment {
  id: number;
  claim: number;
  author: UserSummary | null;
  body: string;
  created_at: string;
}

/** The fields a reviewer edits in the claim editor. */
export type ClaimDraft = Pick<
  Claim,
  "statement" | "claimant" | "claim_date" | "verdict" | "rationale"
>;

export interface VerdictLabel {
  id: number;
  name: string;
  slug: string;
  order: number;
  colour: string;
  description: string;
  rating_value: number | null;
  active: boolean;
}

export interface Source {
  id: number;
  name: string;
  domain: string;
  homepage: string;
  kind: string;
  reliability: string;
  status: string;
}

export type Stance = "supports" | "contradicts" | "context";

/** The stored copy of a cited page, and whether the excerpt is on it. */
export interface Capture {
  status: "pending" | "captured" | "failed";
  error: string;
  sha256: string | null;
  content_type: string | null;
  final_url: string;
  http_status: number | null;
  fetched_at: string | null;
  excerpt_found: boolean | null;
  excerpt_score: number | null;
  archive_url: string;
  view_url: string | null;
}

export interface Citation {
  id: number;
  claim: number;
  source: number | null;
  source_detail: Source | null;
  url: string;
  excerpt: string;
  locator: string;
  stance: Stance;
  added_by: UserSummary | null;
  created_at: string;
  /** null: no web page to capture (a registry source cited by its locator). */
  capture: Capture | null;
  /** The live page scrolled to the excerpt (a #:~:text= fragment). */
  excerpt_link: string | null;
}

/** A citation whose page is not verified, as a 409 on approval names it. */
export interface EvidenceProblem {
  citation: number;
  url: string;
  problem: string;
}
