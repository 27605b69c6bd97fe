// "Checked before?": earlier fact-checks (ours and imported ClaimReview) that match a claim
// or a candidate, best first, with one-click citing on a claim. Self-contained: mount it
// in the workspace's claim editor as
//   <CheckedBefore claimId={claim.id} claimVersion={claim.version} onCited={reload} />
// or beside a candidate as <CheckedBefore candidateId={candidate.id} />.
import { useEffect, useState } from "preact/hooks";
import { ApiError } from "../api/client";
import {
  citeFactCheck,
  type Stance,
  type Suggestion,
  scoreText,
  suggestionsFor,
} from "../api/factchecks";

export interface CheckedBeforeProps {
  claimId?: number;
  candidateId?: number;
  /** The claim's version the workspace holds (optimistic concurrency for citing). */
  claimVersion?: number;
  /** Called with the claim's new version after a citation was added. */
  onCited?: (claimVersion: number) => void;
  top?: number;
}

// A suggestion at or above this score is shown as a likely match.
export const LIKELY = 0.5;

export function CheckedBefore(props: CheckedBeforeProps) {
  const { claimId, candidateId, claimVersion, onCited, top = 5 } = props;
  const [matches, setMatches] = useState<Suggestion[] | null>(null);
  const [problem, setProblem] = useState("");
  const [stance, setStance] = useState<Stance>("context");
  const [busy, setBusy] = useState<number | null>(null);
  const [version, setVersion] = useState(claimVersion);

  useEffect(() => setVersion(claimVersion), [claimVersion]);
  useEffect(() => {
    let live = true;
    setMatches(null);
    setProblem("");
    suggestionsFor({ claim: claimId, candidate: candidateId }, top)
      .then((found) => live && setMatches(found.matches))
      .catch((e: unknown) => live && setProblem(e instanceof Error ? e.message : String(e)));
    return () => {
      live = false;
    };
  }, [claimId, candidateId, top]);

  async function cite(match: Suggestion) {
    if (claimId === undefined || version === undefined) return;
    setBusy(match.id);
    setProblem("");
    try {
      const done = await citeFactCheck(match.id, claimId, version, stance);
      setVersion(done.claim_version);
      setMatches((all) => all && all.map((m) => (m.id === match.id ? { ...m, cited: true } : m)));
      onCited?.(done.claim_version);
    } catch (e) {
      setProblem(
        e instanceof ApiError && e.status === 409
          ? "The claim changed since you opened it; reload it before citing."
          : e instanceof Error
            ? e.message
            : String(e),
      );
    } finally {
      setBusy(null);
    }
  }

  const canCite = claimId !== undefined && version !== undefined;
  return (
    <section class="checked-before" aria-label="Checked before?">
      <h3>Checked before?</h3>
      {problem && (
        <p role="alert" class="error">
          {problem}
        </p>
      )}
      {matches === null && !problem && <p aria-busy="true">Looking for earlier fact-checks…</p>}
      {matches !== null && matches.length === 0 && (
        <p class="muted">No earlier fact-check matches.</p>
      )}
      {matches !== null && matches.length > 0 && (
        <>
          {canCite && (
            <label class="cb-stance">
              Cite as
              <select
                value={stance}
                onChange={(e) => setStance(e.currentTarget.value as Stance)}
                aria-label="Stance of a cited fact-check"
              >
                <option value="context">context</option>
                <option value="supports">supports</option>
                <option value="contradicts">contradicts</option>
              </select>
            </label>
          )}
          <ol class="cb-list" aria-label="Earlier fact-checks">
            {matches.map((m) => (
              <li key={m.id} class={m.score >= LIKELY ? "cb-likely" : undefined}>
                <a href={m.url} target="_blank" rel="noopener noreferrer">
                  {m.claim_reviewed}
                </a>
                <div class="muted">
                  <strong class="cb-rating">{m.rating || "no rating"}</strong>
                  {" · "}
                  {m.publisher || "unknown publisher"}
                  {m.date ? ` · ${m.date}` : ""}
                  {" · "}
                  <span class="cb-score">{scoreText(m.score)}</span>
                  {m.origin === "ours" ? " · ours" : ""}
                </div>
                {canCite &&
                  (m.cited ? (
                    <span class="cb-cited">Cited</span>
                  ) : (
                    <button
                      type="button"
                      disabled={busy !== null}
                      aria-label={`Cite fact-check: ${m.claim_reviewed.slice(0, 40)}`}
                      onClick={() => cite(m)}
                    >
                      {busy === m.id ? "Citing…" : "Cite"}
                    </button>
                  ))}
              </li>
            ))}
          </ol>
          {!canCite && <p class="muted">Accept the candidate as a claim to cite one.</p>}
        </>
      )}
    </section>
  );
}
