// A modal that asks for one piece of text before an action goes ahead: the editor's reason
// for approving unverified evidence, the correction note readers will see. Ctrl/⌘+Enter
// sends, Esc cancels; it cannot be sent empty.
import type { ComponentChildren } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";

export function ReasonDialog({
  open,
  title,
  label,
  action,
  children,
  onClose,
  onSubmit,
}: {
  open: boolean;
  title: string;
  label: string;
  action: string;
  children?: ComponentChildren;
  onClose: () => void;
  onSubmit: (text: string) => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const [text, setText] = useState("");
  const id = title.toLowerCase().replace(/\W+/g, "-");
  useEffect(() => {
    if (open && !ref.current?.open) {
      setText("");
      ref.current?.showModal();
    }
    if (!open && ref.current?.open) ref.current.close();
  }, [open]);
  return (
    <dialog ref={ref} aria-labelledby={`${id}-title`} onClose={onClose}>
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          if (text.trim()) onSubmit(text.trim());
        }}
      >
        <h2 id={`${id}-title`}>{title}</h2>
        {children}
        <label for={`${id}-text`}>{label}</label>
        <textarea
          id={`${id}-text`}
          rows={4}
          required
          value={text}
          onInput={(e) => setText((e.target as HTMLTextAreaElement).value)}
          onKeyDown={(e) => {
            if (e.key === "Enter" && (e.ctrlKey || e.metaKey) && text.trim()) onSubmit(text.trim());
          }}
        />
        <div class="dialog-actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit">{action}</button>
        </div>
      </form>
    </dialog>
  );
}
