/* eslint-disable @typescript-eslint/no-explicit-any -- test fixtures edit free-form YAML */
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { dump, load } from "js-yaml";

export const BUNDLED_PACK = "content/korea-summit";

/** A scratch copy of the bundled pack, with edits applied to its parsed YAML files. */
export async function packCopy(
  edit: (files: { article: any; slides: any; search: any }, dir: string) => void | Promise<void> = () => {},
): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), "summit-pack-"));
  await cp(BUNDLED_PACK, dir, { recursive: true });
  const read = async (name: string) => load(await readFile(path.join(dir, name), "utf8"));
  const files = {
    article: await read("article.yaml"),
    slides: await read("slides.yaml"),
    search: await read("search.yaml"),
  };
  await edit(files, dir);
  await writeFile(path.join(dir, "article.yaml"), dump(files.article));
  await writeFile(path.join(dir, "slides.yaml"), dump(files.slides));
  await writeFile(path.join(dir, "search.yaml"), dump(files.search));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}
