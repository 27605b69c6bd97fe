// Pages other engineers own (import, review, export) are found by file name at build
// time: a missing page builds to a short notice instead of breaking the build.
import type { ComponentType } from "preact";
import { useEffect, useState } from "preact/hooks";

type Loader = () => Promise<unknown>;

export function LazyPage({
  modules,
  exportName,
  title,
  props = {},
}: {
  modules: Record<string, Loader>;
  exportName: string;
  title: string;
  props?: Record<string, unknown>;
}) {
  const [Page, setPage] = useState<ComponentType<Record<string, unknown>> | null>(null);
  const [missing, setMissing] = useState(false);
  useEffect(() => {
    const load = Object.values(modules)[0];
    if (!load) return setMissing(true);
    load().then((loaded) => {
      const mod = loaded as Record<string, unknown>;
      const found = mod[exportName] ?? mod.default;
      if (typeof found === "function") setPage(() => found as ComponentType<Record<string, unknown>>);
      else setMissing(true);
    }, () => setMissing(true));
  }, [modules, exportName]);
  if (missing)
    return (
      <section>
        <h1>{title}</h1>
        <p>This page is not available in this build.</p>
      </section>
    );
  if (!Page) return <p aria-busy="true">Loading…</p>;
  return <Page {...props} />;
}
