import { defineConfig } from "vitest/config";

// No React plugin: esbuild compiles JSX with the automatic runtime.
export default defineConfig({
  esbuild: { jsx: "automatic" },
  clearScreen: false,
  server: { port: 1420, strictPort: true },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    // The CSP is `default-src 'self'`: never inline assets as data: URIs.
    assetsInlineLimit: 0,
  },
  test: {
    environment: "jsdom",
    pool: "threads",
    setupFiles: ["./src/test/setup.ts"],
    include: ["src/**/*.test.{ts,tsx}"],
    clearMocks: true,
    mockReset: true,
    restoreMocks: true,
  },
});
