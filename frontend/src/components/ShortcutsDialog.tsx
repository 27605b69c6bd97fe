// "?" lists every keyboard shortcut; Esc closes it (the native dialog does).
import { useModal } from "./useModal";

export const SHORTCUTS: [string, string][] = [
  ["j / k", "Next / previous candidate"],
  ["a", "Accept the selected candidate"],
  ["d", "Dismiss the selected candidate"],
  ["c", "Make a claim from the selected text"],
  ["1–7", "Pick a verdict for the selected claim"],
  ["z", "Undo the last accept, dismiss, claim or deletion"],
  ["Ctrl/⌘ + S", "Save now (edits also save themselves)"],
  ["/", "Search (sources in the claim editor, articles in the queue)"],
  ["?", "Show these shortcuts"],
  ["Esc", "Close a dialog, clear the selection"],
];

interface ShortcutsDialogProps {
  open: boolean;
  onClose: () => void;
  title?: string;
  shortcuts?: [string, string][];
}

export function ShortcutsDialog({
  open,
  onClose,
  title = "Keyboard shortcuts",
  shortcuts = SHORTCUTS,
}: ShortcutsDialogProps) {
  const ref = useModal(open);
  return (
    <dialog ref={ref} aria-labelledby="shortcuts-title" class="shortcuts" onClose={onClose}>
      <h2 id="shortcuts-title">{title}</h2>
      <table>
        <tbody>
          {shortcuts.map(([keys, what]) => (
            <tr key={keys}>
              <th scope="row">
                <kbd>{keys}</kbd>
              </th>
              <td>{what}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div class="dialog-actions">
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
    </dialog>
  );
}

/** True when a key press belongs to a text field, not to the shortcuts. */
export function isTyping(event: KeyboardEvent): boolean {
  const target = event.target as HTMLElement | null;
  if (!target) return false;
  return (
    target.isContentEditable ||
    target.tagName === "TEXTAREA" ||
    target.tagName === "SELECT" ||
    (target.tagName === "INPUT" && !["radio", "checkbox", "button", "submit"].includes((target as HTMLInputElement).type))
  );
}
