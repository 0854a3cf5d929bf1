import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { SecretMasker } from "../../src/domain/secret-mask.js";
import { runStep } from "../../src/run/step.js";

const dir = mkdtempSync(path.join(os.tmpdir(), "kiln-step-"));
const base = (name: string) => ({
  cwd: dir,
  env: { ...process.env },
  timeoutMs: 30_000,
  logFile: path.join(dir, `${name}.log`),
});

describe("runStep", () => {
  it("keeps the whole log, streams lines and masks secrets", async () => {
    const lines: string[] = [];
    const result = await runStep({
      ...base("ok"),
      command: 'echo "token is s3cr3t-value"; echo to-stderr >&2; exit 3',
      onLine: (line) => lines.push(line),
      masker: new SecretMasker(["s3cr3t-value"]),
    });
    expect(result).toMatchObject({ code: 3, timedOut: false, cancelled: false });
    expect(lines).toEqual(["token is ***", "to-stderr"]);
    expect(readFileSync(path.join(dir, "ok.log"), "utf8")).toBe("token is ***\nto-stderr\n");
  });

  it("kills the whole process group on timeout", async () => {
    const marker = path.join(dir, "child-survived");
    const result = await runStep({
      ...base("timeout"),
      command: `(sleep 2; touch ${marker}) & sleep 30`,
      timeoutMs: 300,
      killGraceMs: 200,
    });
    expect(result.timedOut).toBe(true);
    expect(result.tail.at(-1)).toBe("kiln: timed out after 0 s; stopping the step");
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect(existsSync(marker)).toBe(false);
  });

  it("stops when the run is cancelled", async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 200);
    const result = await runStep({
      ...base("cancel"),
      command: "sleep 30",
      signal: controller.signal,
      killGraceMs: 200,
    });
    expect(result.cancelled).toBe(true);
    expect(result.code === null || result.code !== 0).toBe(true);
  });
});
