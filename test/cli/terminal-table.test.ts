import { describe, expect, it } from "vitest";
import { terminalTable } from "../../src/cli/terminal-table.js";

describe("terminalTable", () => {
  it("keeps every row on one line when a cell holds a newline", () => {
    const table = terminalTable(
      ["asset", "result", "detail"],
      [
        ["model", "failed", 'Unexpected token \'N\', "{"loss": NaN}\n" is not valid JSON'],
        ["data", "success", "v1"],
      ],
    );
    expect(table.split("\n")).toEqual([
      "asset  result   detail",
      `─────  ───────  ${"─".repeat(58)}`,
      'model  failed   Unexpected token \'N\', "{"loss": NaN} ⏎ " is not valid JSON',
      "data   success  v1",
    ]);
  });
});
