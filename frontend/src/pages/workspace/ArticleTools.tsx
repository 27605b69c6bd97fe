// Article-level tools in the reader's header: who it is assigned to (editors change it)
// and "Add revision" (a correction: paste or re-fetch, preview, apply).
import type { WorkspaceStore } from "./state";

export function ArticleTools(_props: { store: WorkspaceStore }) {
  return null;
}
