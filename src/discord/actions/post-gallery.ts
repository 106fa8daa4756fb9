import type { ChatInputCommandInteraction } from "discord.js";
import { findSlide } from "../../search/engine.js";
import type { ReplyAction } from "../../search/reply.js";
import { renderIntro, renderNotice, renderReply } from "../render.js";
import type { ActionServices, Outcome } from "./action.js";

type GalleryPost = Extract<ReplyAction, { kind: "post-gallery" }>;

/**
 * Posts slides one message each, in order, through discord.js's REST queue (which paces to the rate
 * limits and retries 429s). The moderator's private reply is edited as it goes; a failure, or the bot
 * shutting down, stops the run between two slides and says exactly which slides went out and how to
 * resume, so no run posts a slide twice.
 */
export async function postGallery(
  interaction: ChatInputCommandInteraction,
  action: GalleryPost,
  { context, logger, shutdown }: ActionServices,
): Promise<Outcome> {
  const channel = interaction.guild?.channels.cache.get(action.channelId);
  if (!channel?.isSendable()) {
    await interaction.reply(renderNotice("I can't find that channel, or it isn't one I can post in."));
    return "refused";
  }
  const { pack } = context.engine;
  const total = action.slides.length;
  const where = `<#${channel.id}>`;
  await interaction.reply(renderNotice(`Posting ${total} slide${total === 1 ? "" : "s"} to ${where}…`));
  const posted: number[] = [];
  let firstUrl: string | undefined;
  // Says which slides went out and how to post the rest, in the log and to the moderator.
  const stop = async (why: string, fields: Record<string, unknown>): Promise<Outcome> => {
    const left = action.slides.filter((n) => !posted.includes(n));
    logger.warn({ ...fields, channel: channel.id, posted, left }, "gallery post stopped");
    const done = posted.length > 0 ? `Posted slides ${span(posted)} to ${where}` : `Nothing was posted to ${where}`;
    await interaction.editReply({
      content: `${done}; slides ${span(left)} were not posted (${why}). To finish, run /gallery post channel:${where} from:${left[0]} to:${left.at(-1)}.`,
    });
    return "error";
  };
  try {
    if (action.intro) firstUrl = (await channel.send(renderIntro(pack))).url;
    for (const number of action.slides) {
      if (shutdown.aborted) return await stop("the bot is shutting down", { reason: "shutting down" });
      const { flags, ...message } = renderReply(findSlide(context.engine, { number }).reply, pack, {
        userId: interaction.user.id,
        controls: false,
      });
      const sent = await channel.send(message);
      firstUrl ??= sent.url;
      posted.push(number);
      await interaction.editReply({ content: `Posted ${posted.length} of ${total} slides to ${where}.` });
    }
  } catch (error) {
    const reason = (error as { message?: string }).message ?? "unknown error";
    return stop(`Discord said: ${reason}`, { err: error, reason });
  }
  await interaction.editReply({ content: `Posted ${total} of ${total} slides to ${where}. First post: ${firstUrl}` });
  return "answered";
}

function span(numbers: readonly number[]): string {
  return numbers.length === 1 ? String(numbers[0]) : `${numbers[0]}-${numbers.at(-1)}`;
}
