// A stale save (409): show theirs vs yours field by field and let the person keep theirs,
// keep theirs-with-mine (merge: per field, pick) or keep mine. Never a silent overwrite.
import { useEffect, useRef, useState } from "preact/hooks";
import type { ClaimDraft } from "../../api/types";
import { useStore } from "../../store";
import { resolveConflict } from "./actions";
import { draftOf, type WorkspaceStore } from "./state";

const FIELDS: [keyof ClaimDraft, string][] = [
  ["statement", "Claim as checked"],
  ["claimant", "Claimant"],
  ["claim_date", "Claim date"],
  ["verdict", "Verdict"],
  ["rationale", "Rationale"],
];

export function ConflictDialog({ store }: { store: WorkspaceStore }) {
  const conflict = useStore(store, (s) => s.conflict);
  const labels = useStore(store, (s) => s.labels);
  const ref = useRef<HTMLDialogElement>(null);
  const [pick, setPick] = useState<Record<string, "mine" | "theirs">>({});

  useEffect(() => {
    if (conflict && !ref.current?.open) ref.current?.showModal();
    if (!conflict && ref.current?.open) ref.current.close();
    setPick({});
  }, [conflict]);
  if (!conflict) return <dialog ref={ref} />;

  const theirs = draftOf(conflict.theirs);
  const show = (field: keyof ClaimDraft, value: unknown) =>
    field === "verdict" ? (labels.find((l) => l.id === value)?.name ?? "none") : String(value ?? "") || "(empty)";
  const differing = FIELDS.filter(([f]) => theirs[f] !== conflict.mine[f]);
  // Default merge: my value where I changed the field, theirs elsewhere.
  const side = (f: keyof ClaimDraft) =>
    pick[f] ?? (conflict.mine[f] !== conflict.base[f] ? "mine" : "theirs");
  const merged = Object.fromEntries(
    FIELDS.map(([f]) => [f, side(f) === "mine" ? conflict.mine[f] : theirs[f]]),
  ) as unknown as ClaimDraft;

  return (
    <dialog ref={ref} class="conflict" aria-labelledby="conflict-title" onCancel={(e) => e.preventDefault()}>
      <h2 id="conflict-title">Someone else saved this claim</h2>
      <p>Your changes are not lost. Choose, field by field, what to keep.</p>
      <table>
        <thead>
          <tr>
            <th scope="col">Field</th>
            <th scope="col">Theirs (saved)</th>
            <th scope="col">Yours</th>
          </tr>
        </thead>
        <tbody>
          {differing.map(([field, name]) => (
            <tr key={field}>
              <th scope="row">{name}</th>
              {(["theirs", "mine"] as const).map((which) => (
                <td key={which}>
                  <label class="choice">
                    <input
                      type="radio"
                      name={`pick-${field}`}
                      checked={side(field) === which}
                      onChange={() => setPick({ ...pick, [field]: which })}
                      aria-label={`${name}: keep ${which === "mine" ? "yours" : "theirs"}`}
                    />
                    <span>{show(field, which === "mine" ? conflict.mine[field] : theirs[field])}</span>
                  </label>
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <div class="dialog-actions">
        <button type="button" onClick={() => resolveConflict(store, "theirs")}>
          Keep theirs
        </button>
        <button type="button" onClick={() => resolveConflict(store, conflict.mine)}>
          Keep mine
        </button>
        <button type="button" class="primary" onClick={() => resolveConflict(store, merged)}>
          Save merge
        </button>
      </div>
    </dialog>
  );
}
