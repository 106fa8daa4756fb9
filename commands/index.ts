import { about } from "./about.js";
import { answer } from "./answer.js";
import { gallery } from "./gallery.js";
import { reload } from "./reload.js";
import { slideshow } from "./slideshow.js";
import { ask } from "./ask.js";
import type { Command } from "./command.js";
import { help } from "./help.js";
import { history } from "./history.js";
import { photo } from "./photo.js";
import { search } from "./search.js";

export const commands: readonly Command[] = [
  ask,
  history,
  photo,
  search,
  slideshow,
  about,
  help,
  answer,
  gallery,
  reload,
];

export function findCommand(name: string): Command | undefined {
  return commands.find((c) => c.name === name);
}

export type { Command, CommandContext, CommandDefinition, RawOptions } from "./command.js";
