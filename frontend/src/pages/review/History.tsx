// A claim's timeline: who changed what, when. Embeddable: <History claimId={id} />.
import { useEffect, useState } from "preact/hooks";
import { api, type Page } from "../../api/client";
import { actorName, describeEvent, type ClaimEvent } from "./history";

export function History({
  claimId,
  refreshKey = 0,
  verdictName,
}: {
  claimId: number;
  /** Change it to reload (e.g. after a save). */
  refreshKey?: number;
  verdictName?: (id: unknown) => string;
}) {
  const [events, setEvents] = useState<ClaimEvent[] | null>(null);
  const [error, setError] = useState("");
  useEffect(() => {
    let live = true;
    api<Page<ClaimEvent>>(`/api/claims/${claimId}/history/?page_size=500`).then(
      (page) => live && setEvents(page.results),
      (e: Error) => live && setError(e.message),
    );
    return () => {
      live = false;
    };
  }, [claimId, refreshKey]);
  if (error) return <p class="error">{error}</p>;
  if (!events) return <p aria-busy="true">Loading history…</p>;
  if (!events.length) return <p class="empty">No history yet.</p>;
  return (
    <ol class="timeline" aria-label="History">
      {events.map((event) => (
        <li key={event.id} class={`ev ev-${event.action}`}>
          <time dateTime={event.created_at}>{new Date(event.created_at).toLocaleString()}</time>{" "}
          <strong>{actorName(event)}</strong> {describeEvent(event, verdictName)}
        </li>
      ))}
    </ol>
  );
}
