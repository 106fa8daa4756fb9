import { performance } from "node:perf_hooks";
import { commands, type CommandContext } from "../commands/index.js";
import { loadArticlePack } from "../src/content/read-pack.js";
import type { ArticlePack } from "../src/content/pack.js";
import { runCommand } from "../src/cli/run.js";
import { commonWords } from "../src/search/english.js";
import { createSearchEngine } from "../src/search/engine.js";
import { DEV_BANK, readBank } from "../test/support/question-bank.js";

/**
 * `npm run bench`: engine latency per command over the question bank, on the bundled article and on a
 * generated pack of 10,000 passages, plus index build time. Targets: p99 <= 1 ms (article),
 * <= 10 ms (10,000 passages), build <= 50 ms (article).
 */
const ROUNDS = 30;
const bank = readBank(DEV_BANK);
const article = await loadArticlePack("content/korea-summit");

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

function timeBuild(pack: ArticlePack, runs: number): { median: number; context: CommandContext } {
  const times: number[] = [];
  let context: CommandContext | undefined;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    context = { engine: createSearchEngine(pack), commands, surface: "terminal" };
    times.push(performance.now() - start);
  }
  return {
    median: percentile(
      times.sort((a, b) => a - b),
      50,
    ),
    context: context as CommandContext,
  };
}

function timeQueries(label: string, context: CommandContext): void {
  const byCommand = new Map<string, number[]>();
  for (let round = 0; round < ROUNDS + 3; round++) {
    for (const q of bank) {
      const start = performance.now();
      runCommand(context, q.kind, q.question);
      const elapsed = performance.now() - start;
      if (round >= 3) byCommand.set(q.kind, [...(byCommand.get(q.kind) ?? []), elapsed]);
    }
  }
  for (const [command, times] of byCommand) {
    times.sort((a, b) => a - b);
    console.log(
      `  ${label.padEnd(16)} ${command.padEnd(8)} p50 ${percentile(times, 50).toFixed(3)} ms   p99 ${percentile(times, 99).toFixed(3)} ms   (${times.length} queries)`,
    );
  }
}

/** A pack of `size` passages: the article's own, then generated prose over ~10,000 common English words. */
function generatedPack(size: number): ArticlePack {
  let seed = 42;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  // Zipf-like over a shuffled vocabulary: a few words are very frequent, most are rare, as in real text.
  const words = [...commonWords()]
    .map((w) => [random(), w] as const)
    .sort((a, b) => a[0] - b[0])
    .map(([, w]) => w);
  const word = () => words[Math.floor(words.length * random() ** 3)] as string;
  const sentence = (n: number) => Array.from({ length: n }, word).join(" ") + ".";
  const slideCount = Math.floor(size / 10);
  const paragraphs = [
    ...article.paragraphs,
    ...Array.from({ length: size - slideCount - article.paragraphs.length }, (_, i) => ({
      id: `g${i}`,
      position: article.paragraphs.length + i + 1,
      topic: sentence(4),
      text: `${sentence(20)} In ${1900 + Math.floor(random() * 120)}, ${sentence(25)}`,
    })),
  ];
  const slides = [
    ...article.slides,
    ...Array.from({ length: slideCount - article.slides.length }, (_, i) => ({
      id: `gs${i}`,
      number: article.slides.length + i + 1,
      title: sentence(3),
      caption: sentence(18),
      credit: "Generated",
      picture: { kind: "url" as const, url: "https://example.com/x.png", alt: "generated" },
    })),
  ];
  return { ...article, paragraphs, slides };
}

const small = timeBuild(article, 20);
console.log(
  `Index build, bundled article (${article.paragraphs.length + article.slides.length} passages): median ${small.median.toFixed(2)} ms`,
);
const largePack = generatedPack(10_000);
const large = timeBuild(largePack, 3);
console.log(
  `Index build, generated pack (${largePack.paragraphs.length + largePack.slides.length} passages): median ${large.median.toFixed(1)} ms`,
);
console.log(`Query latency over the ${bank.length}-question bank, ${ROUNDS} rounds:`);
timeQueries("article", small.context);
timeQueries("10,000 passages", large.context);
