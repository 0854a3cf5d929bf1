import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);

// src/cli/terminal-table.ts
function terminalTable(header, table) {
  const rows = table.map((row) => row.map((cell) => cell.replace(/\s*\r?\n\s*/g, " \u23CE ")));
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells) => cells.map((cell, i) => i === cells.length - 1 ? cell : cell.padEnd(widths[i])).join("  ").trimEnd();
  return [line(header), line(widths.map((w) => "\u2500".repeat(w))), ...rows.map(line)].join("\n");
}

export {
  terminalTable
};
