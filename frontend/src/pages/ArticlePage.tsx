import { useEffect, useState } from "preact/hooks";
import { api } from "../api/client";
import type { Article } from "../api/types";

export function ArticlePage({ id }: { id: string }) {
  const [article, setArticle] = useState<Article | null>(null);
  const [error, setError] = useState("");

  useEffect(() => {
    api<Article>(`/api/articles/${id}/`)
      .then(setArticle)
      .catch((e: Error) => setError(e.message));
  }, [id]);

  if (error) return <p role="alert">{error}</p>;
  if (!article) return <p aria-busy="true">Loading article…</p>;
  return (
    <article aria-label={article.title}>
      <h1>{article.title}</h1>
      <p class="meta">
        {[article.outlet, article.author].filter(Boolean).join(" · ")} · tagging{" "}
        {article.tagging_status}
      </p>
      {article.text.split("\n").map((paragraph, i) => (
        <p key={i}>{paragraph}</p>
      ))}
    </article>
  );
}
