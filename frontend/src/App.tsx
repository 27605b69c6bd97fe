import { useEffect, useState } from "preact/hooks";
import { currentUser, logOut } from "./api/session";
import type { Me } from "./api/types";
import { LazyPage } from "./components/LazyPage";
import { LoginPage } from "./pages/LoginPage";
import { QueuePage } from "./pages/queue/QueuePage";
import { WorkspacePage } from "./pages/workspace/WorkspacePage";
import { matchRoute, navigate, usePath } from "./router";

// Other engineers' pages, found at build time (see LazyPage).
const importPages = import.meta.glob("./pages/import/ImportPage.tsx");
const reviewPages = import.meta.glob("./pages/review/ReviewPage.tsx");
const exportPages = import.meta.glob("./pages/export/ExportPage.tsx");

function NavLink({ href, path, children }: { href: string; path: string; children: string }) {
  const current = href === "/" ? path === "/" : path.startsWith(href);
  return (
    <a
      href={href}
      aria-current={current ? "page" : undefined}
      onClick={(e) => {
        e.preventDefault();
        navigate(href);
      }}
    >
      {children}
    </a>
  );
}

function Route({ path, me }: { path: string; me: Me }) {
  const article = matchRoute("/articles/:id", path);
  if (article) return <WorkspacePage key={article.id} id={article.id} me={me} />;
  if (matchRoute("/import", path))
    return <LazyPage modules={importPages} exportName="ImportPage" title="Import" />;
  if (matchRoute("/review", path))
    return <LazyPage modules={reviewPages} exportName="ReviewPage" title="Review" />;
  if (matchRoute("/export", path))
    return <LazyPage modules={exportPages} exportName="ExportPage" title="Export" />;
  return <QueuePage />;
}

export function App() {
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const path = usePath();

  useEffect(() => {
    currentUser().then(setMe);
  }, []);

  if (me === undefined) return <p aria-busy="true">Loading…</p>;
  if (me === null)
    return (
      <LoginPage
        onLoggedIn={(user) => {
          setMe(user);
          if (path === "/login") navigate("/");
        }}
      />
    );

  const wide = path.startsWith("/articles/");
  return (
    <>
      <header class="topbar">
        <a
          href="/"
          class="brand"
          onClick={(e) => {
            e.preventDefault();
            navigate("/");
          }}
        >
          Factcheck
        </a>
        <nav aria-label="Main" class="mainnav">
          <NavLink href="/" path={path}>
            Queue
          </NavLink>
          <NavLink href="/import" path={path}>
            Import
          </NavLink>
          {me.role !== "reviewer" && (
            <>
              <NavLink href="/review" path={path}>
                Review
              </NavLink>
              <NavLink href="/export" path={path}>
                Export
              </NavLink>
            </>
          )}
        </nav>
        <span class="who">
          {me.display_name} ({me.role})
        </span>
        <button
          type="button"
          onClick={async () => {
            await logOut();
            setMe(null);
          }}
        >
          Log out
        </button>
      </header>
      <main class={wide ? "wide" : undefined}>
        <Route path={path} me={me} />
      </main>
    </>
  );
}
