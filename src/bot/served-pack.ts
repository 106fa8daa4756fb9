import type { CommandContext } from "../../commands/index.js";
import type { BotConfig } from "../config/env.js";
import { validatePack } from "../config/validate-off-thread.js";
import { ContentError, renderArticlePack, type ArticlePack, type ValidatedPack } from "../content/pack.js";
import type { ReloadResult } from "../discord/actions/index.js";
import type { Logger } from "../logger.js";

/** The pack the bot answers from: cards drawn, engine built, and replaced whole by a reload. */
export interface ServedPack {
  /** The commands and the engine over the current pack; undefined until it is loaded. */
  current: () => CommandContext | undefined;
  /** Resolves once the first pack answers. */
  loaded: Promise<CommandContext>;
  /** Re-reads the pack from disk, after any reload already asked; a broken one leaves the current pack serving. */
  reload: () => Promise<ReloadResult>;
}

/** What answers from a pack, loaded once the gateway is ready: no interaction can arrive before. */
async function loadAnswering(askInChat: boolean) {
  const [{ createSearchEngine }, { commandDefinitions, servedCommands }] = await Promise.all([
    import("../search/engine.js"),
    import("../discord/registration.js"),
  ]);
  const commands = servedCommands(askInChat);
  const contextFor = (pack: ArticlePack): CommandContext => ({
    engine: createSearchEngine(pack),
    commands,
    surface: "discord",
  });
  const definitions = (pack: ArticlePack) => JSON.stringify(commandDefinitions(commands, pack));
  return { contextFor, definitions };
}

export function servePack(
  validated: ValidatedPack,
  { config, logger, gatewayReady }: { config: BotConfig; logger: Logger; gatewayReady: Promise<void> },
): ServedPack {
  const draw = (pack: ValidatedPack) => renderArticlePack(pack, { cardCacheDir: config.CARD_CACHE_DIR });
  let context: CommandContext | undefined;
  const answering = gatewayReady.then(() => loadAnswering(config.ASK_IN_CHAT));
  const loaded = Promise.all([draw(validated), answering]).then(([pack, { contextFor }]) => {
    context = contextFor(pack);
    const { paragraphs, slides } = pack;
    logger.info(
      { pack: pack.dir, version: pack.version, paragraphs: paragraphs.length, slides: slides.length },
      "content pack loaded",
    );
    return context;
  });

  const reloadNow = async (): Promise<ReloadResult> => {
    try {
      const next = await draw(await validatePack(config.CONTENT_DIR));
      const { contextFor, definitions } = await answering;
      await loaded;
      const before = definitions((context as CommandContext).engine.pack);
      context = contextFor(next);
      const redeploy = before !== definitions(next);
      const { version, paragraphs, slides } = next;
      logger.info({ version, paragraphs: paragraphs.length, slides: slides.length }, "content pack reloaded");
      if (redeploy)
        logger.warn("the reloaded pack changes the slash commands' definitions: run `npm run deploy-commands`");
      return { ok: true, version, paragraphs: paragraphs.length, slides: slides.length, redeploy };
    } catch (error) {
      if (!(error instanceof ContentError)) throw error;
      logger.warn(
        { problems: error.problems },
        "reload refused: the pack on disk is invalid; still serving the current one",
      );
      return { ok: false, problems: error.problems };
    }
  };
  // One reload at a time, in the order asked: the last asked reads the disk last, so its pack is served.
  let queue: Promise<unknown> = Promise.resolve();
  const reload = (): Promise<ReloadResult> => {
    const next = queue.then(reloadNow);
    queue = next.catch(() => undefined);
    return next;
  };
  return { current: () => context, loaded, reload };
}
