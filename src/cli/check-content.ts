import { contentEnvSchema, readConfig } from "../config/env.js";
import { loadArticlePack } from "../content/read-pack.js";
import { exitOnStartupError } from "./startup.js";

/** `npm run check-content [DIR]`: validates a pack (CONTENT_DIR by default) and says what it holds. */
const config = readConfig(contentEnvSchema);
loadArticlePack(process.argv[2] ?? config.CONTENT_DIR, { cardCacheDir: config.CARD_CACHE_DIR }).then((pack) => {
  const cards = pack.slides.filter((s) => s.picture.kind === "card").length;
  console.log(
    `${pack.dir}: valid (version ${pack.version}): ${pack.paragraphs.length} paragraphs, ${pack.slides.length} slides, ` +
      `${pack.slides.length - cards} photos, ${cards} rendered slide cards, ${pack.synonyms.length} synonym groups.`,
  );
}, exitOnStartupError);
