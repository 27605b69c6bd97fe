// The workspace's API calls. Offsets: code points on the wire, UTF-16 in the browser; the
// callers pass an OffsetIndex and every span is converted here, at the edge.
import { api, type Page } from "./client";
import { OffsetIndex, candidateIn, claimIn, spanOut } from "./edge";
import type {
  Article,
  Candidate,
  Citation,
  Claim,
  ClaimDraft,
  Comment,
  Source,
  Stance,
  VerdictLabel,
  WorkspaceData,
} from "./types";

/** Every item of a paginated list (or a plain array), following `next`. */
export async function fetchAll<T>(path: string): Promise<T[]> {
  const items: T[] = [];
  let next: string | null = path;
  while (next) {
    const page: Page<T> | T[] = await api<Page<T> | T[]>(next);
    if (Array.isArray(page)) return page;
    items.push(...page.results);
    next = page.next ? new URL(page.next, location.href).pathname + new URL(page.next, location.href).search : null;
  }
  return items;
}

export const getArticle = (id: number | string) => api<Article>(`/api/articles/${id}/`);

export interface Workspace {
  article: Article;
  index: OffsetIndex;
  claims: Claim[];
  candidates: Candidate[];
  labels: VerdictLabel[];
}

/** The workspace's one read (article, claims, candidates, labels), spans converted to
 * UTF-16 and each candidate's text cut from the article. */
export async function getWorkspace(id: number, index?: OffsetIndex): Promise<Workspace> {
  const data = await api<WorkspaceData>(`/api/articles/${id}/workspace/`);
  const text = data.article.text;
  const at = index ?? new OffsetIndex(text);
  const fields = data.candidate_fields;
  const at_ = (name: string) => fields.indexOf(name);
  const [iId, iKind, iStart, iEnd, iData, iScore, iStatus, iClaim] = [
    "id", "kind", "start", "end", "data", "score", "status", "claim",
  ].map(at_);
  const candidates = data.candidates.map((row) => {
    const start = at.toUtf16(row[iStart] as number);
    const end = at.toUtf16(row[iEnd] as number);
    return {
      id: row[iId] as number,
      kind: row[iKind] as Candidate["kind"],
      start,
      end,
      text: text.slice(start, end),
      data: (row[iData] ?? {}) as Candidate["data"],
      score: row[iScore] as number,
      status: row[iStatus] as Candidate["status"],
      claim: row[iClaim] as number | null,
    };
  });
  return {
    article: data.article,
    index: at,
    claims: data.claims.map((c) => claimIn(at, c)),
    candidates,
    labels: data.labels,
  };
}

export interface TaggingState {
  status: Article["tagging_status"];
  error?: string;
  candidates?: number;
}

export async function getTagging(id: number): Promise<TaggingState> {
  try {
    return await api<TaggingState>(`/api/articles/${id}/tagging/`);
  } catch {
    const article = await getArticle(id);
    return { status: article.tagging_status, error: article.tagging_error };
  }
}

export async function getCandidates(index: OffsetIndex, articleId: number): Promise<Candidate[]> {
  let raw: Candidate[];
  try {
    raw = await fetchAll<Candidate>(`/api/articles/${articleId}/candidates/?page_size=500`);
  } catch {
    raw = await fetchAll<Candidate>(`/api/candidates/?article=${articleId}&page_size=500`);
  }
  return raw.map((c) => candidateIn(index, c));
}

export async function getClaims(index: OffsetIndex, articleId: number): Promise<Claim[]> {
  const raw = await fetchAll<Claim>(`/api/claims/?article=${articleId}&page_size=500`);
  return raw.map((c) => claimIn(index, c));
}

export const getVerdictLabels = () =>
  fetchAll<VerdictLabel>("/api/verdict-labels/?active=true&page_size=100");

/** Accept a candidate: the server answers with the candidate (now holding its claim's id);
 * the claim itself (claimant prefilled from a quote's speaker) is fetched next. */
export async function acceptCandidate(index: OffsetIndex, id: number): Promise<Claim> {
  const body = await api<Candidate | { claim: Claim }>(`/api/candidates/${id}/accept/`, {
    method: "POST",
    body: {},
  });
  if (body.claim && typeof body.claim === "object") return claimIn(index, body.claim);
  return getClaim(index, Number(body.claim));
}

export const dismissCandidate = (id: number) =>
  api<unknown>(`/api/candidates/${id}/dismiss/`, { method: "POST", body: {} });

/** Undo a dismissal, or an acceptance whose claim has been deleted. */
export const reopenCandidate = (id: number) =>
  api<unknown>(`/api/candidates/${id}/reopen/`, { method: "POST", body: {} });

/** Soft-delete a claim (a reviewer: their own draft); its candidates are released.
 * `keepalive` lets the request finish while the page unloads. */
export const deleteClaim = (id: number, keepalive = false) =>
  api<void>(`/api/claims/${id}/`, { method: "DELETE", keepalive });

export const getComments = (claimId: number) =>
  fetchAll<Comment>(`/api/claims/${claimId}/comments/?page_size=50`);

export async function createClaim(
  index: OffsetIndex,
  articleId: number,
  start: number,
  end: number,
  exact: string,
  fields: Partial<ClaimDraft> = {},
): Promise<Claim> {
  const span = spanOut(index, { start, end });
  const claim = await api<Claim>("/api/claims/", {
    method: "POST",
    body: { article: articleId, ...span, exact, ...fields },
  });
  return claimIn(index, claim);
}

/** PATCH with the version edited; a stale version answers 409 {detail, current}. */
export async function updateClaim(
  index: OffsetIndex,
  id: number,
  version: number,
  fields: Partial<ClaimDraft> & { start?: number; end?: number; exact?: string; assignee?: number | null },
): Promise<Claim> {
  const body: Record<string, unknown> = { ...fields, version };
  if (fields.start !== undefined && fields.end !== undefined)
    Object.assign(body, spanOut(index, { start: fields.start, end: fields.end }));
  const claim = await api<Claim>(`/api/claims/${id}/`, { method: "PATCH", body });
  return claimIn(index, claim);
}

export async function getClaim(index: OffsetIndex, id: number): Promise<Claim> {
  return claimIn(index, await api<Claim>(`/api/claims/${id}/`));
}

export async function transitionClaim(
  index: OffsetIndex,
  id: number,
  name: "submit",
  version: number,
): Promise<Claim> {
  const claim = await api<Claim>(`/api/claims/${id}/${name}/`, { method: "POST", body: { version } });
  return claimIn(index, claim);
}

export const getCitations = (claimId: number) =>
  fetchAll<Citation>(`/api/citations/?claim=${claimId}&page_size=100`);

export function addCitation(input: {
  claim: number;
  source?: number;
  url?: string;
  excerpt: string;
  stance: Stance;
  locator?: string;
}): Promise<Citation> {
  return api<Citation>("/api/citations/", { method: "POST", body: input });
}

export const removeCitation = (id: number) =>
  api<void>(`/api/citations/${id}/`, { method: "DELETE" });

/** Fetch the cited page again (it changed, or the last capture failed). */
export const recaptureCitation = (id: number) =>
  api<Citation>(`/api/citations/${id}/recapture/`, { method: "POST" });

export async function searchSources(query: string): Promise<Source[]> {
  const page = await api<Page<Source>>(
    `/api/sources/?search=${encodeURIComponent(query)}&page_size=8`,
  );
  return page.results;
}

export const claimFromWire = (index: OffsetIndex, claim: Claim): Claim => claimIn(index, claim);
