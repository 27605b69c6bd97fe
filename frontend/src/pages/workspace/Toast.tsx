// Messages about the last action, pinned to the bottom of the window (never scrolled out
// of view) and announced: "Candidate dismissed. Undo (z)", "Submitted for review.", errors.
import { useStore } from "../../store";
import { runUndo } from "./actions";
import type { WorkspaceStore } from "./state";

export function Toast({ store }: { store: WorkspaceStore }) {
  const undo = useStore(store, (s) => s.undo);
  const notice = useStore(store, (s) => s.notice);
  return (
    <div class="toasts" role="status" aria-live="polite">
      {undo && (
        <p class="toast">
          {undo.message}
          <button type="button" class="small" onClick={() => void runUndo(store)}>
            Undo <kbd aria-hidden="true">z</kbd>
          </button>
        </p>
      )}
      {notice && (
        <p class="toast">
          {notice}
          <button type="button" class="small link" onClick={() => store.set({ notice: "" })} aria-label="Dismiss message">
            ×
          </button>
        </p>
      )}
    </div>
  );
}
