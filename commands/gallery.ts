import { ChannelType, PermissionFlagsBits } from "discord-api-types/v10";
import { emptyReply } from "../src/search/reply.js";
import { slashCommand, type Command } from "./command.js";

/** `/gallery post`: moderators post the slides, in order, into a channel. */
export const gallery: Command = {
  name: "gallery",
  description: "Post the gallery's slides into a channel (moderators)",
  example: "gallery post channel:#news from:1 to:8 intro:true",
  requires: { member: ["ManageMessages"], bot: ["ViewChannel", "SendMessages", "EmbedLinks", "AttachFiles"], channelOption: "channel" },
  cooldownSeconds: 60,
  data: (pack) =>
    slashCommand("gallery", "Post the gallery into a channel", "servers")
      .setDefaultMemberPermissions(PermissionFlagsBits.ManageMessages)
      .addSubcommand((sub) =>
        sub
          .setName("post")
          .setDescription("Post the slides, one message each, into a channel")
          .addChannelOption((o) => o.setName("channel").setDescription("Where to post").setRequired(true).addChannelTypes(ChannelType.GuildText, ChannelType.GuildAnnouncement))
          .addIntegerOption((o) => o.setName("from").setDescription("First slide to post").setMinValue(1).setMaxValue(pack.slides.length))
          .addIntegerOption((o) => o.setName("to").setDescription("Last slide to post").setMinValue(1).setMaxValue(pack.slides.length))
          .addBooleanOption((o) => o.setName("intro").setDescription("Start with the article's title, summary and link")),
      )
      .toJSON(),
  execute: ({ engine }, options) => {
    const total = engine.pack.slides.length;
    const from = typeof options.from === "number" ? options.from : 1;
    const to = typeof options.to === "number" ? options.to : total;
    const channelId = typeof options.channel === "string" ? options.channel : "";
    if (!Number.isInteger(from) || !Number.isInteger(to) || from < 1 || to > total || from > to) {
      return { reply: emptyReply(false, "Nothing to post", `Pick slides between 1 and ${total}, with from at most to (got ${from} to ${to}).`), matches: [] };
    }
    const slides = Array.from({ length: to - from + 1 }, (_, i) => from + i);
    const reply = emptyReply(true, "Posting the gallery", `Posting ${slides.length} slide${slides.length === 1 ? "" : "s"} (${from}-${to}).`);
    reply.action = { kind: "post-gallery", channelId, slides, intro: options.intro === true };
    return { reply, matches: [] };
  },
};
