import type { ArticlePack } from "../src/content/pack.js";
import { ApplicationCommandOptionType, ChannelType } from "discord-api-types/v10";
import { emptyReply } from "../src/search/reply.js";
import { defineCommand } from "./command.js";

/** `/gallery post`: moderators post the slides, in order, into a channel. */
export const gallery = defineCommand({
  name: "gallery",
  description: "Post the gallery's slides into a channel (moderators)",
  example: "post channel:#news from:1 to:8 intro:true",
  requires: {
    member: ["ManageMessages"],
    // Moderators post only where they could post themselves: a channel they can see and write in.
    memberInChannel: ["ViewChannel", "SendMessages"],
    bot: ["ViewChannel", "SendMessages", "EmbedLinks", "AttachFiles"],
    channelOption: "channel",
  },
  discordOnly: true,
  cooldownSeconds: 60,
  options: (pack: ArticlePack) => [
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: "post",
      description: "Post the slides, one message each, into a channel",
      options: [
        {
          type: ApplicationCommandOptionType.Channel,
          name: "channel",
          description: "Where to post",
          required: true,
          channel_types: [ChannelType.GuildText, ChannelType.GuildAnnouncement],
        },
        {
          type: ApplicationCommandOptionType.Integer,
          name: "from",
          description: "First slide to post",
          min_value: 1,
          max_value: pack.slides.length,
        },
        {
          type: ApplicationCommandOptionType.Integer,
          name: "to",
          description: "Last slide to post",
          min_value: 1,
          max_value: pack.slides.length,
        },
        {
          type: ApplicationCommandOptionType.Boolean,
          name: "intro",
          description: "Start with the article's title, summary and link",
        },
      ],
    },
  ],
  execute: ({ engine }, { channel, from = 1, to = engine.pack.slides.length, intro }) => {
    const total = engine.pack.slides.length;
    if (!Number.isInteger(from) || !Number.isInteger(to) || from < 1 || to > total || from > to) {
      const message = `Pick slides between 1 and ${total}, with from at most to (got ${from} to ${to}).`;
      return { reply: emptyReply(false, "Nothing to post", message), matches: [] };
    }
    const slides = Array.from({ length: to - from + 1 }, (_, i) => from + i);
    const reply = emptyReply(
      true,
      "Posting the gallery",
      `Posting ${slides.length} slide${slides.length === 1 ? "" : "s"} (${from}-${to}).`,
    );
    reply.action = { kind: "post-gallery", channelId: channel, slides, intro: intro === true };
    return { reply, matches: [] };
  },
});
