// Terminal output: text from records (metric names, log lines, reasons) never reaches the
// terminal as escape sequences that recolour it, move the cursor, retitle the window or forge links.
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { terminalText } from "../../src/report/escape.js";
import { gitIn, kilnIn } from "../support/kiln-in-process.js";

const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

describe("terminal text", () => {
  it("shows control characters as visible stand-ins, keeping newlines and tabs", () => {
    expect(
      terminalText("a\x1b[2Jb\tc\nd\x1b]8;;https://evil.example\x07link\x1b]8;;\x07 \u202eevil \x9b31m\x7f"),
    ).toBe("a␛[2Jb\tc\nd␛]8;;https://evil.example␇link␛]8;;␇ <U+202E>evil <U+009B>31m␡");
  });

  it("kiln run, history and show print a metric name and a log line with escapes harmlessly", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "kiln-terminal-"));
    gitIn(dir, "init", "-q", "-b", "main");
    // The metric name holds CSI (clear screen) and OSC 0 (window title); the log line an OSC 8 link.
    writeFileSync(
      path.join(dir, "kiln.yml"),
      `version: 1
assets:
  model:
    code-version: "1"
    run: >-
      printf '{"\\\\u001b[2Jmae\\\\u001b]0;pwned\\\\u0007": 1}' > "$KILN_METRICS";
      printf 'see \\033]8;;https://evil.example\\007here\\033]8;;\\007\\n';
      true
`,
    );
    gitIn(dir, "add", "-A");
    gitIn(dir, "commit", "-q", "-m", "init");
    const run = await kilnIn(dir, ["run", "--verbose"]);
    expect(run.code).toBe(0);
    expect(run.output).toContain("see ␛]8;;https://evil.example␇here␛]8;;␇");
    expect(run.output).not.toMatch(CONTROL);
    for (const args of [["history", "model"], ["show", "model"], ["status"]]) {
      const printed = await kilnIn(dir, args);
      expect(printed.code).toBe(0);
      expect(printed.output).not.toMatch(CONTROL);
    }
    const show = await kilnIn(dir, ["show", "model"]);
    expect(show.output).toContain("␛[2Jmae␛]0;pwned␇");
  });
});
