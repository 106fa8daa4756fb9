import type { Message, MessageReplyOptions } from "discord.js";
import type { ArticlePack } from "../content/pack.js";
import type { Reply } from "../search/reply.js";
import { escapeText, renderReply } from "./render.js";

/** How a message reached the bot: a mention in a server, or a DM. */
export type Via = "mention" | "dm";

/** What a message asks of the bot: a question, or nothing the bot can answer (then a hint). */
export type Asked = { via: Via; question: string } | { via: Via; hint: string };

/** The message menu command's name, as Discord shows it. */
export const MENU_COMMAND = "Answer from the article";

/**
 * What a message asks, or undefined when it is not for the bot: from a bot or a webhook (itself too), or
 * in a server without mentioning it directly (@everyone, @here and its roles do not count). Discord shows
 * the bot a message's text only in DMs and when it is mentioned, which a reply with ping on does.
 */
export function readMessage(message: Message): Asked | undefined {
  if (message.author.bot || message.webhookId || message.system) return undefined;
  const botId = message.client.user.id;
  const via: Via = message.inGuild() ? "mention" : "dm";
  if (via === "mention" && !message.mentions.users.has(botId)) return undefined;
  const question = message.content.replaceAll(`<@${botId}>`, " ").replaceAll(`<@!${botId}>`, " ").trim();
  if (question) return { via, question };
  const repliedTo = message.mentions.repliedUser;
  if (message.reference && repliedTo && repliedTo.id !== botId)
    return { via, hint: `I can't read that message from here: use its menu, Apps › ${MENU_COMMAND}.` };
  const name = escapeText(message.client.user.username);
  return { via, hint: `Ask me about the article in your message, e.g. @${name} what is the DMZ?` };
}

/** Nobody is pinged by a conversational reply, not even the one who asked. */
const QUIET = { parse: [], repliedUser: false } as const;

/**
 * An answer as a reply in conversation: the embed /ask shows, public, pinging nobody. In a server, an
 * answer the article does not have stays short (the topics it covers are left to /ask and DMs).
 */
export function conversationalReply(
  reply: Reply,
  pack: ArticlePack,
  asked: { userId: string; inGuild: boolean },
): MessageReplyOptions {
  const shown = asked.inGuild && !reply.answered ? { ...reply, suggestions: [] } : reply;
  const { flags, allowedMentions, ...rendered } = renderReply(shown, pack, { userId: asked.userId });
  return { ...rendered, allowedMentions: QUIET, failIfNotExists: false };
}

/** A one-line notice as a quiet reply. */
export function conversationalNotice(text: string): MessageReplyOptions {
  return { content: text, allowedMentions: QUIET, failIfNotExists: false };
}
