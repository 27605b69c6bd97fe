// The annotator benchmark's page (bench/annotator.py): the real WorkspacePage over a
// generated dense article, with the store filled in directly and the network answered in
// the page, so what is timed is the components' rendering, not the server.
import { render } from "preact";
import { OffsetIndex, sentencesIn } from "../api/edge";
import type { Article, Candidate, Claim, VerdictLabel } from "../api/types";
import { acceptCandidate, dismissCandidate, makeClaim, pickVerdict, select } from "../pages/workspace/actions";
import { articleState, createWorkspaceStore, openCandidates, type WorkspaceStore } from "../pages/workspace/state";
import { WorkspacePage } from "../pages/workspace/WorkspacePage";
import "../styles.css";

const WORDS = (
  "government minister president council committee officials report statement percent " +
  "million billion economy growth inflation unemployment rate market prices budget deficit " +
  "taxes spending health hospital patients doctors vaccine cases deaths outbreak region " +
  "city village residents police court judge trial lawyer evidence investigation election " +
  "said told announced reported claimed according added warned denied confirmed estimated " +
  "increased decreased rose fell doubled tripled reached exceeded remained dropped grew 🎉"
).split(" ");

function rng(seed: number) {
  return () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

interface Generated {
  article: Article;
  claims: Claim[];
  candidates: Candidate[];
}

/** `words` words in paragraphs of ~60, `highlights` spans (40% claims, 60% candidates). */
function generate(words: number, highlights: number, seed = 7): Generated {
  const random = rng(seed);
  const paragraphs: string[] = [];
  let sentence: string[] = [];
  let para: string[] = [];
  for (let i = 0; i < words; i++) {
    sentence.push(WORDS[Math.floor(random() * WORDS.length)]);
    if (sentence.length >= 8 + random() * 14) {
      const s = sentence.join(" ");
      para.push(s[0].toUpperCase() + s.slice(1) + ".");
      sentence = [];
    }
    if (para.length >= 3 + random() * 3) {
      paragraphs.push(para.join(" "));
      para = [];
    }
  }
  if (sentence.length) para.push(sentence.join(" ") + ".");
  if (para.length) paragraphs.push(para.join(" "));
  const text = paragraphs.join("\n");
  const sentences: [number, number, number][] = [];
  const re = /[^.\n]+\./g;
  for (let m = re.exec(text); m; m = re.exec(text)) sentences.push([m.index, m.index + m[0].length, random()]);
  const claims: Claim[] = [];
  const candidates: Candidate[] = [];
  const kinds = ["number", "quote", "attribution"] as const;
  for (let i = 0; i < highlights; i++) {
    let start = Math.floor(random() * (text.length - 200));
    while (start > 0 && text[start - 1] !== " ") start--;
    let end = start + 10 + Math.floor(random() * 80);
    while (end < text.length && /\S/.test(text[end])) end++;
    const exact = text.slice(start, end);
    if (i % 5 < 2) {
      claims.push({
        id: i + 1, article: 1, start, end, exact, prefix: "", suffix: "", anchor_status: "anchored",
        statement: exact, claimant: "", claim_date: null, status: "draft",
        verdict: i % 3 === 0 ? null : 1 + (i % 7), rationale: "", version: 1, citations_count: 0,
        created_by: null, updated_at: "",
      });
    } else {
      candidates.push({
        id: 100000 + i, kind: kinds[i % 3], start, end, text: exact, data: { speaker: "Someone" },
        score: random(), status: "open", claim: null,
      });
    }
  }
  const article = {
    id: 1, title: "Benchmark: a dense article", outlet: "Bench", author: "", url: "",
    published_at: null, language: "en", tagging_status: "done", revision: 1, created_at: "",
    updated_at: "", assignee: null, candidates_open: candidates.length, claims_count: claims.length,
    verdicts_count: 0, text, html: "", content_hash: "", sentences, tagger_version: "", tagging_error: "",
  } as Article;
  return { article, claims, candidates };
}

const LABELS: VerdictLabel[] = ["True", "Mostly true", "Half true", "Mostly false", "False", "Pants on fire", "Unverifiable"].map(
  (name, i) => ({
    id: i + 1, name, slug: name.toLowerCase().replace(/ /g, "-"), order: i + 1,
    colour: ["#1a7f37", "#5a9e2f", "#b08800", "#d4731c", "#cf222e", "#8b0a1a", "#6e7781"][i],
    description: "", rating_value: null, active: true,
  }),
);

// The page answers the API itself: every write succeeds a little later, as a server would.
let nextId = 900000;
const realFetch = window.fetch.bind(window);
window.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
  const url = String(input);
  if (!url.startsWith("/api/")) return realFetch(input, init);
  await new Promise((r) => setTimeout(r, 20));
  const body = init?.body ? JSON.parse(String(init.body)) : {};
  let data: unknown = { count: 0, next: null, previous: null, results: [] };
  if (url.startsWith("/api/claims/") && init?.method === "POST") data = { ...body, id: nextId++, version: 1, statement: body.statement ?? "", claimant: "", claim_date: null, status: "draft", verdict: null, rationale: "", citations_count: 0 };
  const accept = url.match(/\/api\/candidates\/(\d+)\/accept\//);
  if (accept) {
    const c = bench.generated!.candidates.find((x) => x.id === Number(accept[1]))!;
    const index = store.get().index;
    data = { claim: { id: nextId++, article: 1, start: index.toCodePoint(c.start), end: index.toCodePoint(c.end, "up"), exact: c.text, statement: c.text, claimant: "", claim_date: null, status: "draft", verdict: null, rationale: "", version: 1, citations_count: 0 } };
  }
  return new Response(JSON.stringify(data), { status: init?.method === "POST" ? 201 : 200, headers: { "Content-Type": "application/json" } });
};

let store: WorkspaceStore = createWorkspaceStore();
const host = document.getElementById("app")!;

/** Resolves after the next frame has been painted. */
function painted(): Promise<void> {
  return new Promise((resolve) =>
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve();
      channel.port2.postMessage(null);
    }),
  );
}

async function timed(action: () => void): Promise<number> {
  await painted();
  const t0 = performance.now();
  action();
  await painted();
  return performance.now() - t0;
}

const bench = {
  generated: null as Generated | null,
  async mount(words: number, highlights: number, plain: boolean): Promise<number> {
    render(null, host);
    await painted();
    const generated = generate(words, highlights);
    bench.generated = generated;
    store = createWorkspaceStore();
    const index = new OffsetIndex(generated.article.text);
    // The API's spans are code points: sentences go through the edge, as the loader's do.
    const cpSentences = generated.article.sentences.map(([s, e, v]) => [index.toCodePoint(s), index.toCodePoint(e, "up"), v] as [number, number, number]);
    return timed(() => {
      store.set({
        labels: LABELS,
        tagging: "done",
        ...articleState(generated.article, sentencesIn(index, cpSentences), index),
        claims: plain ? [] : generated.claims,
        candidates: plain ? [] : generated.candidates,
      });
      render(<WorkspacePage id="1" store={store} />, host);
    });
  },
  counts() {
    return {
      paragraphs: store.get().paragraphs.length,
      claims: store.get().claims.length,
      candidates: store.get().candidates.filter((c) => c.status === "open").length,
      highlightsInDom: document.querySelectorAll(".article-text [data-keys]").length,
    };
  },
  async accept(): Promise<number> {
    const c = openCandidates(store.get())[0];
    return timed(() => void acceptCandidate(store, c.id));
  },
  async dismiss(): Promise<number> {
    const c = openCandidates(store.get())[0];
    return timed(() => void dismissCandidate(store, c.id));
  },
  async makeClaim(): Promise<number> {
    const p = store.get().paragraphs[Math.floor(store.get().paragraphs.length / 2)];
    return timed(() => void makeClaim(store, p.start + 5, p.start + 60));
  },
  async pickVerdict(n: number): Promise<number> {
    const claim = store.get().claims.find((c) => c.id > 0)!;
    select(store, `claim:${claim.id}`);
    await painted();
    return timed(() => pickVerdict(store, claim.id, 1 + (n % 7)));
  },
  async settle(): Promise<void> {
    await new Promise((r) => setTimeout(r, 60));
    await painted();
  },
  async scroll(steps: number, by: number): Promise<{ longTasks: number[]; frames: number }> {
    const reader = document.querySelector(".reader")!;
    const longTasks: number[] = [];
    const observer = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) longTasks.push(entry.duration);
    });
    observer.observe({ type: "longtask", buffered: false });
    reader.scrollTop = 0;
    await painted();
    for (let i = 0; i < steps; i++) {
      reader.scrollTop += by;
      await painted();
    }
    await new Promise((r) => setTimeout(r, 100));
    observer.disconnect();
    return { longTasks, frames: steps };
  },
};

(window as unknown as { bench: typeof bench }).bench = bench;
