// A native <dialog> shown as a modal while `open` is true (Esc and focus come with it).
import { type RefObject } from "preact";
import { useEffect, useRef } from "preact/hooks";

export function useModal(open: boolean): RefObject<HTMLDialogElement> {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    if (open && !ref.current?.open) ref.current?.showModal();
    if (!open && ref.current?.open) ref.current.close();
  }, [open]);
  return ref;
}
