import { defineConfig } from "vitest/config";

// The bundle is served by Django (whitenoise) from frontend/dist with hashed names;
// Django reads dist/.vite/manifest.json to find the entry file.
export default defineConfig({
  base: "/static/",
  esbuild: { jsx: "automatic", jsxImportSource: "preact" },
  build: {
    outDir: "dist",
    manifest: true,
    emptyOutDir: true,
    rollupOptions: { input: "src/main.tsx" },
  },
  test: {
    environment: "jsdom",
    include: ["src/**/*.test.ts", "src/**/*.test.tsx"],
  },
});
