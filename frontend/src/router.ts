// A tiny history-API router: routes are matched in order, params come from ":name".
import { useEffect, useState } from "preact/hooks";

/** Asked before an in-app navigation: true (or a promise of true) lets it go ahead. The
 * workspace uses it to save pending edits first, and to ask when they cannot be saved. */
export type LeaveGuard = () => boolean | Promise<boolean>;
let leaveGuard: LeaveGuard | null = null;

export function setLeaveGuard(guard: LeaveGuard): () => void {
  leaveGuard = guard;
  return () => {
    if (leaveGuard === guard) leaveGuard = null;
  };
}

export function navigate(path: string): void {
  if (path === location.pathname + location.search) return;
  const go = () => {
    history.pushState(null, "", path);
    dispatchEvent(new PopStateEvent("popstate"));
  };
  const verdict = leaveGuard ? leaveGuard() : true;
  if (verdict === true) go();
  else if (verdict !== false) void verdict.then((ok) => ok && go());
}

export function usePath(): string {
  const [path, setPath] = useState(location.pathname);
  useEffect(() => {
    const update = () => setPath(location.pathname);
    addEventListener("popstate", update);
    return () => removeEventListener("popstate", update);
  }, []);
  return path;
}

export function matchRoute(pattern: string, path: string): Record<string, string> | null {
  const names: string[] = [];
  const regex = new RegExp(
    "^" +
      pattern.replace(/:(\w+)/g, (_, name: string) => {
        names.push(name);
        return "([^/]+)";
      }) +
      "/?$",
  );
  const match = path.match(regex);
  if (!match) return null;
  return Object.fromEntries(names.map((name, i) => [name, decodeURIComponent(match[i + 1])]));
}
