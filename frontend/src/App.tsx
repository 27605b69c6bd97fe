import { useEffect, useState } from "preact/hooks";
import { currentUser, logOut } from "./api/session";
import type { Me } from "./api/types";
import { ArticleListPage } from "./pages/ArticleListPage";
import { ArticlePage } from "./pages/ArticlePage";
import { LoginPage } from "./pages/LoginPage";
import { matchRoute, navigate, usePath } from "./router";

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

  const article = matchRoute("/articles/:id", path);
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
      <main>{article ? <ArticlePage id={article.id} /> : <ArticleListPage />}</main>
    </>
  );
}
