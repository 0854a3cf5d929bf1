import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { alive } from "../support/processes.js";
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

  it("kills the whole process group on timeout, grandchildren included", async () => {
    const pidFile = path.join(dir, "grandchild.pid");
    const result = await runStep({
      ...base("timeout"),
      // The grandchild writes its pid, then the step hangs: only the timeout can end it.
      command: `sh -c 'echo $$ > ${pidFile}; exec sleep 60' & while [ ! -s ${pidFile} ]; do :; done; sleep 60`,
      timeoutMs: 300,
      killGraceMs: 200,
    });
    expect(result.timedOut).toBe(true);
    expect(result.tail.at(-1)).toBe("kiln: timed out after 0 s; stopping the step");
    const grandchild = Number(readFileSync(pidFile, "utf8"));
    // Not a fixed sleep: the kill has been sent when runStep resolves; wait for the process to go.
    await expect.poll(() => alive(grandchild), { timeout: 30_000, interval: 50 }).toBe(false);
  });

  it("lets a step run under a timeout longer than a timer can hold (over 24.8 days)", async () => {
    // setTimeout fires at once past 2^31 - 1 ms: `timeout: 30d` must not kill the step at start.
    const result = await runStep({
      ...base("long-timeout"),
      command: "sleep 0.5; echo done",
      timeoutMs: 30 * 86_400_000,
    });
    expect(result).toMatchObject({ code: 0, timedOut: false });
    expect(result.tail).toEqual(["done"]);
  });

  it("stops when the run is cancelled", async () => {
    const controller = new AbortController();
    const result = await runStep({
      ...base("cancel"),
      command: "echo started; sleep 30",
      // Cancelled once the step is surely running, whatever the machine's load.
      onLine: () => controller.abort(),
      signal: controller.signal,
      killGraceMs: 200,
    });
    expect(result.cancelled).toBe(true);
    expect(result.code === null || result.code !== 0).toBe(true);
  });

  it("never starts, nor clears the outputs of, a step handed over after its run was cancelled", async () => {
    // An asset still being prepared when the run is cancelled reaches runStep with the signal
    // already aborted; its lane may be free by then (the running step was stopped). Its outputs
    // from the last run stay, and nothing runs.
    const output = path.join(dir, "previous-output.txt");
    const marker = path.join(dir, "ran.txt");
    writeFileSync(output, "last run's bytes\n");
    const controller = new AbortController();
    controller.abort();
    const result = await runStep({
      ...base("cancelled-before"),
      command: `echo ran > ${marker}`,
      signal: controller.signal,
      lane: { id: 99, limit: 1 },
      clear: [output],
    });
    expect(result).toMatchObject({ cancelled: true, started: false });
    expect(existsSync(marker)).toBe(false);
    expect(readFileSync(output, "utf8")).toBe("last run's bytes\n");
  });
});
