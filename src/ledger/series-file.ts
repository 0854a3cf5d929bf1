// A series written as the ledger keeps it (one JSON point a line), a point at a time, hashed as it
// is written: the run streams the step's series through here, so a series of any length reaches the
// ledger (`series/<asset>/<sha256>.jsonl`) without ever being held in memory.
import { createHash } from "node:crypto";
import { closeSync, openSync, writeSync } from "node:fs";
import type { SeriesPoint, SeriesSource } from "../domain/records.js";

/** One line of a series file. */
export function seriesLine(point: SeriesPoint): string {
  return `${JSON.stringify(point)}\n`;
}

/** Lines are written in chunks of about this many characters. */
const CHUNK = 1 << 20;

export class SeriesFileWriter {
  /** Opened with the first lines: most steps write no series, and then there is no file at all. */
  private fd: number | undefined;
  private readonly hash = createHash("sha256");
  private lines: string[] = [];
  private pending = 0;
  private count = 0;

  constructor(readonly file: string) {}

  add(point: SeriesPoint): void {
    const line = seriesLine(point);
    this.lines.push(line);
    this.pending += line.length;
    this.count++;
    if (this.pending >= CHUNK) this.flush();
  }

  private flush(): void {
    if (this.lines.length === 0) return;
    const bytes = Buffer.from(this.lines.join(""));
    this.lines = [];
    this.pending = 0;
    this.hash.update(bytes);
    this.fd ??= openSync(this.file, "w");
    let written = 0;
    while (written < bytes.length) written += writeSync(this.fd, bytes, written);
  }

  /** Closes the file: what the ledger needs to keep it under its content's name. */
  close(): SeriesSource {
    try {
      this.flush();
    } finally {
      if (this.fd !== undefined) closeSync(this.fd);
    }
    return { file: this.file, sha256: this.hash.digest("hex"), points: this.count };
  }

  /** Closes the file without a result (the series is not recorded). */
  abandon(): void {
    if (this.fd !== undefined) closeSync(this.fd);
  }
}
