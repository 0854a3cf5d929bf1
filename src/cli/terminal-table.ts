// Aligned plain-text tables for the terminal (Markdown tables are for reports).

export function terminalTable(header: readonly string[], table: readonly (readonly string[])[]): string {
  // A cell is one line: a newline inside a message would break every column after it.
  const rows = table.map((row) => row.map((cell) => cell.replace(/\s*\r?\n\s*/g, " ⏎ ")));
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i]!)))
      .join("  ")
      .trimEnd();
  return [line(header), line(widths.map((w) => "─".repeat(w))), ...rows.map(line)].join("\n");
}
