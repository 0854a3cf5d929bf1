// Small GitHub-flavoured Markdown readers for tests: tables and ```mermaid blocks outside fences.

/** Each table as rows of cells, split on unescaped pipes as GFM does. */
export function gfmTables(markdown: string): string[][][] {
  const tables: string[][][] = [];
  let fence: string | undefined;
  let current: string[][] | undefined;
  const lines = markdown.split("\n");
  for (const [i, line] of lines.entries()) {
    const opener = /^(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence) {
      if (opener && opener[0] === fence[0] && opener.length >= fence.length && line.trim() === opener)
        fence = undefined;
      continue;
    }
    if (opener) {
      fence = opener;
      current = undefined;
      continue;
    }
    if (!line.startsWith("|")) {
      current = undefined;
      continue;
    }
    if (!current) {
      const delimiter = lines[i + 1] ?? "";
      if (!/^\|(\s*:?-+:?\s*\|)+\s*$/.test(delimiter)) continue;
      if (splitRow(delimiter).length !== splitRow(line).length)
        throw new Error(`delimiter row does not match header: ${line}`);
      current = [];
      tables.push(current);
    } else if (/^\|(\s*:?-+:?\s*\|)+\s*$/.test(line) && current.length === 1) {
      continue;
    }
    current.push(splitRow(line));
  }
  return tables;
}

export function splitRow(line: string): string[] {
  const cells = line
    .trim()
    .replace(/^\|/, "")
    .replace(/(?<!\\)\|$/, "")
    .split(/(?<!\\)\|/);
  return cells.map((c) => c.trim());
}

export function mermaidBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/^```mermaid\n([\s\S]*?)\n```$/gm)].map((m) => m[1] as string);
}
