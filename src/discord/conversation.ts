import type { Message, MessageReplyOptions } from "discord.js";
import { ask } from "../../commands/ask.js";
import type { CommandContext } from "../../commands/index.js";
import type { ArticlePack } from "../content/pack.js";
import { dateOfPassage, findSlide, showOffered, type SearchEngine } from "../search/engine.js";
import { emptyReply, type Answer, type Reply } from "../search/reply.js";
import type { FollowUp, FollowUps } from "../state/follow-ups.js";
import { escapeText, packVersionTag, renderReply } from "./render.js";

/** How a message reached the bot: a mention in a server, or a DM. */
export type Via = "mention" | "dm";

/**
 * What a message asks of the bot: a question (`repliesTo` the bot's message it answers, if any), or nothing
 * the bot can answer (then a hint).
 */
export type Asked = { via: Via; question: string; repliesTo?: string } | { via: Via; hint: string };

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
  const repliedTo = message.mentions.repliedUser;
  if (question)
    return message.reference?.messageId && repliedTo?.id === botId
      ? { via, question, repliesTo: message.reference.messageId }
      : { via, question };
  if (message.reference && repliedTo && repliedTo.id !== botId)
    return { via, hint: `I can't read that message from here: use its menu, Apps › ${MENU_COMMAND}.` };
  const name = escapeText(message.client.user.username);
  return { via, hint: `Ask me about the article in your message, e.g. @${name} what does the first photo show?` };
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

/** What a reply to an answer can ask of it; anything else is a new question. */
export type FollowUpKind = "more" | "photo" | "when";

const FOLLOW_UP_KINDS: ReadonlyArray<[FollowUpKind, RegExp]> = [
  [
    "more",
    /^(?:and |ok(?:ay)? |so )?(?:more|next|go on|continue|keep going|tell me more|more please|anything else|what else|and then|then what)\b(?: please| pls)?$/,
  ],
  [
    "photo",
    /^(?:(?:can|could) you |please |pls )?(?:show|send|give|let)(?: me| us)?(?: see)?(?: the| that| its| a)? (?:photo|picture|pic|image|slide)s?(?: of (?:that|it|this))?(?: please| pls)?$|^(?:the |a )?(?:photo|picture|pic|image|slide)(?: please| pls)?$|^is there a (?:photo|picture|pic|image)(?: of (?:that|it|this))?$/,
  ],
  [
    "when",
    /^(?:and )?(?:when(?: (?:was|is|did) (?:that|this|it)(?: happen)?)?|what (?:year|date|day) (?:was|is) (?:that|this|it)|what year|which year)$/,
  ],
];

/** Reads a reply to an answer: "more", "show me the photo", "when was that?"; undefined for anything else. */
export function followUpKind(text: string): FollowUpKind | undefined {
  const words = text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}' ]+/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
  return FOLLOW_UP_KINDS.find(([, reads]) => reads.test(words))?.[0];
}

/** How many ranked passages an answer keeps for "more". */
const KEPT_PASSAGES = 10;

/** A conversational answer, and what to remember of it for a follow-up (nothing when it answered nothing). */
export interface ConversationalAnswer {
  reply: Reply;
  followUp?: FollowUp;
}

/**
 * Answers a question in conversation. A reply to one of the bot's answers that asks for more, its photo or
 * its date goes on from that answer while it is remembered; otherwise it is a new question.
 */
export async function answerInConversation(
  asked: { question: string; repliesTo?: string },
  context: CommandContext,
  followUps: FollowUps,
): Promise<ConversationalAnswer> {
  const { engine } = context;
  const packVersion = packVersionTag(engine.pack);
  const kind = asked.repliesTo ? followUpKind(asked.question) : undefined;
  const earlier = kind && asked.repliesTo ? await followUps.recall(asked.repliesTo) : undefined;
  if (kind && earlier?.packVersion === packVersion) return goOn(kind, earlier, engine);
  const { reply, matches } = ask.execute(context, { question: asked.question });
  if (!reply.answered) return { reply };
  const passageIds = matches.slice(0, KEPT_PASSAGES).map((m) => m.id);
  return { reply, followUp: { passageIds, shown: 1 + reply.related.length, question: asked.question, packVersion } };
}

function goOn(kind: FollowUpKind, earlier: FollowUp, engine: SearchEngine): ConversationalAnswer {
  const unshown = earlier.passageIds.slice(earlier.shown);
  const continuing = (answer: Answer, passageId: string): ConversationalAnswer => ({
    reply: answer.reply,
    followUp: { ...earlier, passageIds: [passageId, ...unshown.filter((id) => id !== passageId)], shown: 1 },
  });
  if (kind === "when")
    return { reply: dateOfPassage(engine, earlier.passageIds[0] as string, earlier.question).reply, followUp: earlier };
  if (kind === "more") {
    const next = unshown[0];
    if (!next)
      return { reply: emptyReply(false, "That's all", "That's all the article says on that; ask me something else.") };
    return continuing(showOffered(engine, next), next);
  }
  const slideId = earlier.passageIds.find((id) => engine.index.byId.get(id)?.kind === "slide");
  if (slideId) return continuing(showOffered(engine, slideId), slideId);
  const bySubject = findSlide(engine, { query: earlier.question });
  const found = bySubject.matches[0]?.id;
  return found && bySubject.reply.answered ? continuing(bySubject, found) : { reply: bySubject.reply };
}
