// The local content-addressed store (`.kiln/store/ab/cdef…`): output bytes kept once per content,
// addressed by git blob id. Files enter and leave through a temporary file and a rename, so a crash
// never leaves a half-written object in the store or a half-written output in the workspace.
import { randomUUID } from "node:crypto";
import { copyFile, mkdir, rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import { blobIdOfFile } from "../version/blob.js";
import type { Store, StoredFile } from "./types.js";

export class LocalStore implements Store {
  readonly description: string;

  constructor(readonly dir: string) {
    this.description = dir;
  }

  private objectPath(blob: string): string {
    return path.join(this.dir, blob.slice(0, 2), blob.slice(2));
  }

  async has(blob: string): Promise<boolean> {
    try {
      await stat(this.objectPath(blob));
      return true;
    } catch {
      return false;
    }
  }

  async put(filePath: string): Promise<StoredFile> {
    await mkdir(this.dir, { recursive: true });
    // Copy first, hash the copy: the step may still hold the file, and the copy is what we keep.
    const temp = path.join(this.dir, `.tmp-${randomUUID()}`);
    await copyFile(filePath, temp);
    const [blob, { size }] = await Promise.all([blobIdOfFile(temp), stat(temp)]);
    const target = this.objectPath(blob);
    if (await this.has(blob)) {
      await rm(temp, { force: true });
    } else {
      await mkdir(path.dirname(target), { recursive: true });
      await rename(temp, target);
    }
    return { blob, size };
  }

  async get(blob: string, destPath: string): Promise<boolean> {
    const source = this.objectPath(blob);
    if (!(await this.has(blob))) return false;
    await mkdir(path.dirname(destPath), { recursive: true });
    const temp = path.join(path.dirname(destPath), `.kiln-tmp-${randomUUID()}`);
    try {
      await copyFile(source, temp);
      const actual = await blobIdOfFile(temp);
      if (actual !== blob) {
        throw new Error(
          `the store object ${source} is corrupt (its content hashes to ${actual}); delete it and rebuild with --force`,
        );
      }
      await rename(temp, destPath);
      return true;
    } finally {
      await rm(temp, { force: true });
    }
  }
}
