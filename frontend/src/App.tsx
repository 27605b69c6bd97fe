import type { ComponentChildren } from "preact";
import { useEffect, useState } from "preact/hooks";
import { currentUser, logOut } from "./api/session";
import type { Me } from "./api/types";
import { LazyPage } from "./components/LazyPage";
import { LoginPage } from "./pages/LoginPage";
import { QueuePage } from "./pages/queue/QueuePage";
import { MyWorkPage, useUnread } from "./pages/work/MyWorkPage";
import { WorkspacePage } from "./pages/workspace/WorkspacePage";
import { matchRoute, navigate, usePath } from "./router";

// Other engineers' pages, found at build time (see LazyPage).
const importPages = import.meta.glob("./pages/import/ImportPage.tsx");
const reviewPages = import.meta.glob("./pages/review/ReviewPage.tsx");
const exportPages = import.meta.glob("./pages/export/ExportPage.tsx");
const factCheckPages = import.meta.glob("./pages/factchecks/FactChecksPage.tsx");

function NavLink({ href, path, children }: { href: string; path: string; children: ComponentChildren }) {
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

const EDITOR_PAGES: Record<string, string> = {
  "/review": "The review queue",
  "/export": "Exports",
};

/** What a reviewer sees on an editor's page: which page it is and whom to ask. */
function EditorsOnly({ what }: { what: string }) {
  return (
    <section>
      <h1>{what} — for editors</h1>
      <p>
        {what} is an editor's page: approving, returning and publishing verdicts, and exporting
        reports. Your role is reviewer. Ask an editor, or an admin if you need the editor role.
      </p>
    </section>
  );
}

function Route({ path, me }: { path: string; me: Me }) {
  const article = matchRoute("/articles/:id", path);
  if (article) return <WorkspacePage key={article.id} id={article.id} me={me} />;
  const editorPage = Object.keys(EDITOR_PAGES).find((p) => matchRoute(p, path));
  if (editorPage && me.role === "reviewer") return <EditorsOnly what={EDITOR_PAGES[editorPage]} />;
  if (matchRoute("/my-work", path)) return <MyWorkPage me={me} />;
  if (matchRoute("/import", path))
    return <LazyPage modules={importPages} exportName="ImportPage" title="Import" />;
  if (matchRoute("/review", path))
    return <LazyPage modules={reviewPages} exportName="ReviewPage" title="Review" />;
  if (matchRoute("/archive", path))
    return <LazyPage modules={factCheckPages} exportName="FactChecksPage" title="Fact-checks" />;
  if (matchRoute("/export", path))
    return <LazyPage modules={exportPages} exportName="ExportPage" title="Export" />;
  return <QueuePage me={me} />;
}

/** A signed-in user without a role sees this and nothing else. */
function NoRole({ me, onLogOut }: { me: Me; onLogOut: () => void }) {
  return (
    <main class="no-role">
      <h1>Factcheck</h1>
      <p>
        You are signed in as <strong>{me.username}</strong>, but your account has no role yet, so
        there is nothing here for you to open. Ask an admin to give you a role (reviewer, editor or
        admin); then reload this page.
      </p>
      <button type="button" onClick={onLogOut}>
        Log out
      </button>
    </main>
  );
}

function UnreadBadge({ count }: { count: number }) {
  if (!count) return null;
  return (
    <span class="badge" aria-label={`${count} new`}>
      {count}
    </span>
  );
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

  const logOutNow = async () => {
    await logOut();
    setMe(null);
  };
  if (me.role === "none") return <NoRole me={me} onLogOut={logOutNow} />;
  return <Shell me={me} path={path} onLogOut={logOutNow} />;
}

function Shell({ me, path, onLogOut }: { me: Me; path: string; onLogOut: () => void }) {
  const unread = useUnread(path);
  const wide = path.startsWith("/articles/");
  const editor = me.role === "editor" || me.role === "admin";
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
          <NavLink href="/my-work" path={path}>
            My work <UnreadBadge count={unread} />
          </NavLink>
          <NavLink href="/import" path={path}>
            Import
          </NavLink>
          <NavLink href="/archive" path={path}>
            Fact-checks
          </NavLink>
          {editor && (
            <>
              <NavLink href="/review" path={path}>
                Review
              </NavLink>
              <NavLink href="/export" path={path}>
                Export
              </NavLink>
            </>
          )}
          {me.role === "admin" && <a href="/admin/">Admin</a>}
        </nav>
        <span class="who">
          {me.display_name} ({me.role})
        </span>
        <button type="button" onClick={onLogOut}>
          Log out
        </button>
      </header>
      <main class={wide ? "wide" : undefined}>
        <Route path={path} me={me} />
      </main>
    </>
  );
}
