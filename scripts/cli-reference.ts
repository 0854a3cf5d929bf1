// Writes docs/cli.md from the CLI's own --help output, so the reference cannot drift from the code.
// `npx tsx scripts/cli-reference.ts` rewrites it; test/docs checks it is current.
import { writeFileSync } from "node:fs";
import path from "node:path";
import { main } from "../src/cli/program.js";

const COMMANDS = [
  "init",
  "validate",
  "status",
  "plan",
  "run",
  "history",
  "show",
  "pull",
  "promote",
  "rollback",
  "report",
  "graph",
  "schema",
  "generate",
  "doctor",
];

async function help(args: string[]): Promise<string> {
  let out = "";
  const write = (text: string) => {
    out += text;
  };
  await main([...args, "--help"], {
    cwd: process.cwd(),
    env: {},
    stdout: write,
    stderr: write,
    isTTY: false,
    columns: 100,
  });
  return out.trimEnd();
}

export async function cliReference(): Promise<string> {
  const sections = [
    "# CLI reference",
    "",
    "Generated from `kiln --help` by `scripts/cli-reference.ts`; a test keeps it current.",
    "",
    "```",
    await help([]),
    "```",
  ];
  for (const command of COMMANDS)
    sections.push("", `## kiln ${command}`, "", "```", await help([command]), "```");
  return `${sections.join("\n")}\n`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  writeFileSync(path.join(import.meta.dirname, "../docs/cli.md"), await cliReference());
}
