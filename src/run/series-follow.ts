// Follows a running step's KILN_SERIES file, so progress can show the latest point (the epoch and
// the loss) while the step trains. Reads only the bytes appended since the last look and ignores
// a line until it is complete; a malformed line is left for streamSeries to report when the step ends.
import { open } from "node:fs/promises";
import type { SeriesPoint } from "../domain/records.js";
import { parseSeriesLine } from "./metrics.js";

export interface SeriesFollower {
  /** Reads what was appended; calls back with the newest complete point, if there is a new one. */
  check(): Promise<void>;
  stop(): void;
}

export function followSeries(
  file: string,
  onPoint: (point: SeriesPoint) => void,
  options: { intervalMs?: number } = {},
): SeriesFollower {
  let offset = 0;
  let partial = "";
  let running: Promise<void> | undefined;
  let again = false;
  let stopped = false;

  const read = async () => {
    let handle: Awaited<ReturnType<typeof open>>;
    try {
      handle = await open(file, "r");
    } catch {
      return; // not written yet
    }
    try {
      const { size } = await handle.stat();
      if (size < offset) {
        offset = 0; // truncated (a retry starts over)
        partial = "";
      }
      if (size === offset) return;
      const buffer = Buffer.alloc(size - offset);
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, offset);
      offset += bytesRead;
      const lines = (partial + buffer.subarray(0, bytesRead).toString("utf8")).split("\n");
      partial = lines.pop() ?? "";
      for (let i = lines.length - 1; i >= 0; i--) {
        const point = toPoint(lines[i]!);
        if (point) {
          if (!stopped) onPoint(point);
          return;
        }
      }
    } finally {
      await handle.close();
    }
  };

  const timer = setInterval(() => void follower.check(), options.intervalMs ?? 1000);
  timer.unref();
  const follower: SeriesFollower = {
    check() {
      // One read at a time: checks asked for during a read wait for it and for one more read
      // after it (a step printing thousands of lines asks once per line; each would otherwise
      // queue a read of its own, a file open each, long after the newest point was shown).
      if (running) {
        again = true;
        return running;
      }
      running = (async () => {
        do {
          again = false;
          await read().catch(() => undefined);
        } while (again && !stopped);
        running = undefined;
      })();
      return running;
    },
    stop() {
      stopped = true;
      clearInterval(timer);
    },
  };
  return follower;
}

function toPoint(line: string): SeriesPoint | undefined {
  if (!line.trim()) return undefined;
  const parsed = parseSeriesLine("", line, "");
  return parsed.ok ? parsed.point : undefined;
}
