// Writes docs/cli.md from the CLI's own --help output, so the reference cannot drift from the code.
// `npx tsx scripts/cli-reference.ts` rewrites it; test/docs checks it is current.
import { writeFileSync } from "node:fs";
import path from "node:path";
import { type ContractName, contractFile } from "../src/cli/json-contract.js";
import { JSON_CONTRACTS } from "../src/cli/json-contract-schemas.js";
import { kilnCommands, main } from "../src/cli/program.js";

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
  // Every command the program has, in `kiln --help`'s order: a new one gets its section unasked.
  for (const command of kilnCommands())
    sections.push("", `## kiln ${command}`, "", "```", await help([command]), "```");
  sections.push(
    "",
    "## JSON output",
    "",
    "Every `--json` output (and `kiln report --format json`) is a documented, versioned contract: its",
    "first field, `$schema`, names the JSON Schema file it follows, under [`schema/`](../schema/) in",
    "the repository and in the npm package. A change that would break a reader gets a new file",
    "(`v2`) instead of a new meaning for v1. The files are generated from the zod definitions",
    "the commands are typed against (`scripts/json-schemas.ts`), and a test validates each",
    "command's real output against them.",
    "",
    "| output | schema |",
    "| --- | --- |",
    ...(Object.keys(JSON_CONTRACTS) as ContractName[]).map(
      (name) =>
        `| ${(JSON_CONTRACTS[name].description?.split(":")[0] ?? name).replaceAll("|", "\\|")} | [\`schema/${contractFile(name)}\`](../schema/${contractFile(name)}) |`,
    ),
  );
  return `${sections.join("\n")}\n`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  writeFileSync(path.join(import.meta.dirname, "../docs/cli.md"), await cliReference());
}
