// The blob id of a file in the working tree as a version counts it: what a code or inputs pattern
// matched and git's index cannot answer for (modified, untracked, ignored, a symbolic link). Git
// lists three kinds of path, and each is read for what a user means by it:
// - a file: the blob git would commit for it (git hashes it, applying `.gitattributes` line ends
//   and clean filters such as Git LFS and nbstripout, and core.autocrlf: a change run and then
//   committed keeps its version); outside git, its bytes;
// - a symbolic link: its target's content (`data/val.csv -> /mnt/datasets/val.csv` is the data,
//   not the link text), the same before and after the link is committed; a link to a folder is
//   refused, since a version is a list of files;
// - a folder: a submodule or a nested repository, by the commit checked out in it.
// Every failure names the file and what to do: a status must never stop on "illegal operation".
import { existsSync } from "node:fs";
import { lstat, readlink, stat } from "node:fs/promises";
import path from "node:path";
import { UserError } from "../domain/errors.js";
import { turnBatch } from "../domain/turn-batch.js";
import { hashObjects, headCommit } from "../git/repo.js";
import { blobIdOfFile } from "./blob.js";

/** Hashes files of one project for one command, each once. */
export interface WorkingFiles {
  /** The blob id of a project-relative path; a UserError naming it when it cannot be read. */
  blobOf(file: string): Promise<string>;
}

/**
 * `git`: the repository's top level and the project's folder from there ("" at the top); undefined
 * outside git.
 */
export function workingFiles(root: string, git?: { top: string; prefix: string }): WorkingFiles {
  const hashed = new Map<string, Promise<string>>();
  const committedBlob = git ? gitBlobs(git.top, git.prefix) : undefined;
  return {
    blobOf(file) {
      let pending = hashed.get(file);
      if (!pending) {
        pending = workingBlobId(root, file, committedBlob);
        hashed.set(file, pending);
      }
      return pending;
    },
  };
}

/**
 * Blob ids of regular files as git would commit them: the files asked in one turn of the event
 * loop go to one `git hash-object --stdin-paths` (a status of 500 or 5,000 changed files started
 * two: their lstat answers come in two turns). Git applies every rule `git add` does; nothing of
 * them is written out again here.
 */
function gitBlobs(top: string, prefix: string): (file: string) => Promise<string> {
  const strip = prefix ? `${prefix}/` : "";
  const ask = turnBatch((files: string[]) =>
    hashObjects(
      top,
      files.map((f) => `${strip}${f}`),
    ),
  );
  return (file) => {
    const { at, done } = ask(file);
    return done.then((ids) => ids[at]!);
  };
}

async function workingBlobId(
  root: string,
  file: string,
  committedBlob: ((file: string) => Promise<string>) | undefined,
): Promise<string> {
  const full = path.join(root, file);
  try {
    const entry = await lstat(full);
    if (entry.isSymbolicLink()) {
      const target = await stat(full).catch((error) => danglingLink(full, file, error));
      if (target.isDirectory())
        throw new UserError(
          `${file} is a symbolic link to a folder (${await readlink(full)}), and a \`code\` or \`inputs\` pattern matches it`,
          "a version is a list of files: link the files themselves, or give the folder's files a pattern of their own (Kiln does not follow links to folders)",
        );
      // The target's bytes: git would commit the link text, which is not what the asset reads.
      return await blobIdOfFile(full);
    }
    if (entry.isDirectory()) return await repositoryCommit(full, file);
    return committedBlob ? await committedBlob(file) : await blobIdOfFile(full);
  } catch (error) {
    if (error instanceof UserError) throw error;
    throw new UserError(
      `cannot read ${file}, which a \`code\` or \`inputs\` pattern matches: ${(error as Error).message}`,
      "make it readable, or narrow the pattern so that it does not match it",
    );
  }
}

/**
 * A symbolic link to nothing: the user's to fix, said with the link and its target (git lists such
 * links as files; following them fails).
 */
async function danglingLink(full: string, file: string, error: unknown): Promise<never> {
  if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  const target = await readlink(full).catch(() => "?");
  throw new UserError(
    `${file} is a symbolic link to ${target}, which does not exist, and a \`code\` or \`inputs\` pattern matches it`,
    "fix or remove the link, or narrow the pattern so that it does not match",
  );
}

/**
 * A folder git lists is a submodule (or a nested repository): versioned by the commit checked out
 * in it, as the superproject records it. Without its own `.git`, asking git there would answer for
 * the superproject.
 */
async function repositoryCommit(full: string, file: string): Promise<string> {
  const commit = existsSync(path.join(full, ".git")) ? await headCommit(full) : undefined;
  if (commit === undefined)
    throw new UserError(
      `${file} is a folder with no commit checked out, and a \`code\` or \`inputs\` pattern matches it`,
      "check out the submodule (`git submodule update --init`), or narrow the pattern",
    );
  return commit;
}
