// A step's output against the limits of the machine: a full disk under its log, and lines far
// longer than anything a log should hold.
import { existsSync, mkdtempSync, readFileSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { MAX_LINE_BYTES, MAX_TAIL_LINE_BYTES } from "../../src/domain/text-limits.js";
import { runStep } from "../../src/run/step.js";

const dir = mkdtempSync(path.join(os.tmpdir(), "kiln-step-limits-"));

describe("a step's log", () => {
  it.runIf(existsSync("/dev/full"))(
    "a full disk (ENOSPC) stops the step and says so instead of crashing with the step left running",
    async () => {
      // /dev/full accepts the open and fails every write with ENOSPC. The step would run for ten
      // minutes: the test returning at all shows its process group was stopped.
      const result = await runStep({
        command: "echo started; exec sleep 600",
        cwd: dir,
        env: { ...process.env },
        timeoutMs: 900_000,
        killGraceMs: 1_000,
        logFile: "/dev/full",
      });
      expect(result.logError).toBe(
        "could not write the step's log /dev/full: no space left on device: free space and rerun",
      );
      expect(result.code === 0).toBe(false);
      expect(result.tail.at(-1)).toBe(`kiln: ${result.logError}`);
    },
  );

  it("keeps at most MAX_LINE_BYTES of a line without newline, with a note, and goes on", async () => {
    const logFile = path.join(dir, "long.log");
    const lines: string[] = [];
    // 5 MB of `x` without a newline, then 80,000 bytes of two-byte characters, then a short line.
    const result = await runStep({
      command: `head -c 5000000 /dev/zero | tr '\\0' x; echo; printf 'é%.0s' $(seq 1 40000); echo; echo after`,
      cwd: dir,
      env: { ...process.env },
      timeoutMs: 120_000,
      logFile,
      onLine: (line) => lines.push(line),
    });
    expect(result.code).toBe(0);
    const note = ` … [line truncated at ${MAX_LINE_BYTES} bytes]`;
    expect(lines).toEqual([
      `${"x".repeat(MAX_LINE_BYTES)}${note}`,
      `${"é".repeat(MAX_LINE_BYTES / 2)}${note}`,
      "after",
    ]);
    expect(statSync(logFile).size).toBeLessThan(3 * MAX_LINE_BYTES);
    expect(readFileSync(logFile, "utf8")).toBe(`${lines.join("\n")}\n`);
    // The tail travels in failure records and alerts: its lines are cut shorter still.
    expect(result.tail).toEqual([
      `${"x".repeat(MAX_TAIL_LINE_BYTES)} … [line truncated at ${MAX_TAIL_LINE_BYTES} bytes]`,
      `${"é".repeat(MAX_TAIL_LINE_BYTES / 2)} … [line truncated at ${MAX_TAIL_LINE_BYTES} bytes]`,
      "after",
    ]);
  });
});
