import { defineConfig } from "vite";

// The annotator benchmark's page (bench/annotator.py builds it into dist-bench/).
export default defineConfig({
  base: "./",
  esbuild: { jsx: "automatic", jsxImportSource: "preact" },
  build: {
    outDir: "dist-bench",
    emptyOutDir: true,
    rollupOptions: { input: "bench.html" },
  },
});
