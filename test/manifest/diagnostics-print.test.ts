// Printing diagnostics: many warnings (one per asset in a large manifest) must cost work in
// proportion to their number, not to their number times the size of the file.
import { describe, expect, it } from "vitest";
import { type Diagnostic, formatDiagnostics } from "../../src/manifest/diagnostics.js";

describe("printing diagnostics", () => {
  it("reads and splits each file once however many diagnostics point into it", () => {
    const assets = 20_000;
    const source = Array.from({ length: assets }, (_, i) => `  a${i}:\n    run: "true"`).join("\n");
    const diagnostics: Diagnostic[] = Array.from({ length: assets }, (_, i) => ({
      severity: "warning",
      reason: "no-code-version",
      message: `asset "a${i}" lists no \`code\` files`,
      location: {
        file: "kiln.yml",
        range: { line: 2 * i + 1, column: 3, endLine: 2 * i + 1, endColumn: 3 + `a${i}`.length },
      },
    }));
    let reads = 0;
    const printed = formatDiagnostics(diagnostics, {
      readSource: () => {
        reads++;
        return source;
      },
    });
    // Each read splits the whole file: once per diagnostic was 20,000 × 40,000 lines.
    expect(reads).toBe(1);
    expect(printed).toContain(`kiln.yml:39999:3 warning: asset "a19999" lists no \`code\` files
      |
39999 |   a19999:
      |   ^^^^^^`);
    expect(printed.endsWith("\n\n20000 warnings")).toBe(true);
  });
});
