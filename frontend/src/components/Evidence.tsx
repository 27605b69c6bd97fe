// A claim's evidence as the record shows it: each citation's source, stance, excerpt and
// capture state (verified / excerpt not found / capture failed / capturing), with the
// stored copy and the excerpt on the live page one click away. Used by the claim editor
// (with remove and re-capture) and by the editor's review panel.
import type { Citation } from "../api/types";
import { evidenceState } from "../evidence/state";
import "./Evidence.css";

export function EvidenceList({
  citations,
  onRemove,
  onRecapture,
  label = "Citations",
}: {
  citations: Citation[];
  onRemove?: (citation: Citation) => void;
  onRecapture?: (citation: Citation) => void;
  label?: string;
}) {
  if (citations.length === 0) return <p class="empty">No citations yet.</p>;
  return (
    <ul class="citation-list evidence" aria-label={label}>
      {citations.map((c) => {
        const state = evidenceState(c);
        const name = c.source_detail?.name ?? c.url;
        return (
          <li key={c.id} data-citation={c.id} data-evidence={state.kind}>
            <span class={`stance s-${c.stance}`}>{c.stance}</span> <strong>{name}</strong>
            {c.source_detail?.status === "pending" && <span class="pending"> (new source, pending review)</span>}
            {c.locator && <span class="muted"> · {c.locator}</span>}{" "}
            <span class={`evidence-state ev-${state.kind}`} title={state.detail}>
              {state.label}
            </span>
            {c.excerpt && <blockquote>{c.excerpt}</blockquote>}
            <p class="evidence-detail muted">
              {state.detail}
              {c.capture?.sha256 && <> SHA-256 <code>{c.capture.sha256.slice(0, 12)}…</code></>}
            </p>
            <p class="evidence-links">
              {c.capture?.view_url && (
                <a href={c.capture.view_url} target="_blank" rel="noopener">
                  Stored copy
                </a>
              )}
              {c.excerpt_link && (
                <a href={c.excerpt_link} target="_blank" rel="noopener noreferrer">
                  {c.excerpt ? "Excerpt on the live page" : "Live page"}
                </a>
              )}
              {onRecapture && c.url && state.kind !== "pending" && (
                <button type="button" class="small link" onClick={() => onRecapture(c)} aria-label={`Capture ${name} again`}>
                  Capture again
                </button>
              )}
              {onRemove && (
                <button type="button" class="small link" onClick={() => onRemove(c)} aria-label={`Remove citation of ${name}`}>
                  Remove
                </button>
              )}
            </p>
          </li>
        );
      })}
    </ul>
  );
}
