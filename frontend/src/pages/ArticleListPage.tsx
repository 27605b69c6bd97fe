import { useEffect, useState } from "preact/hooks";
import { api, type Page } from "../api/client";
import type { ArticleSummary } from "../api/types";
import { navigate } from "../router";

export function ArticleListPage() {
  const [articles, setArticles] = useState<ArticleSummary[] | null>(null);
  const [error, setError] = useState("");

  useEffect(() => {
    api<Page<ArticleSummary>>("/api/articles/")
      .then((page) => setArticles(page.results))
      .catch((e: Error) => setError(e.message));
  }, []);

  if (error) return <p role="alert">{error}</p>;
  if (!articles) return <p aria-busy="true">Loading articles…</p>;
  return (
    <section aria-label="Articles">
      <h1>Articles</h1>
      {articles.length === 0 && <p>No articles yet.</p>}
      <ul class="article-list">
        {articles.map((article) => (
          <li key={article.id}>
            <a
              href={`/articles/${article.id}`}
              onClick={(e) => {
                e.preventDefault();
                navigate(`/articles/${article.id}`);
              }}
            >
              {article.title}
            </a>
            <span class="meta">
              {article.outlet} · tagging {article.tagging_status} · {article.claims_count} claims
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
