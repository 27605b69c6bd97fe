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
  html: string;
  content_hash: string;
  sentences: [number, number, number][];
  tagger_version: string;
  tagging_error: string;
}
