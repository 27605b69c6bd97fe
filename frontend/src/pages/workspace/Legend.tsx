// The legend: how candidates are underlined (style, not only colour) and the verdict colours.
import { useStore } from "../../store";
import { badgeFor, type WorkspaceStore } from "./state";

export function Legend({ store }: { store: WorkspaceStore }) {
  const labels = useStore(store, (s) => s.labels);
  return (
    <div class="legend" aria-label="Legend" role="group">
      <span class="legend-item"><span class="u-number">12%</span> number (solid)</span>
      <span class="legend-item"><span class="u-quote">“…”</span> quote (dashed)</span>
      <span class="legend-item"><span class="u-attribution">said</span> attribution (dotted)</span>
      <span class="legend-item"><span class="cw-sample" aria-hidden="true" /> check-worthy sentence</span>
      <span class="legend-sep" aria-hidden="true" />
      {labels.map((l) => (
        <span key={l.id} class="legend-item">
          <span class="hl-claim" style={{ "--v": l.colour }} data-badge={badgeFor(l)}>claim</span> {l.name}
        </span>
      ))}
    </div>
  );
}
