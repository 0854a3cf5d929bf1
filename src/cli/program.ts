// The `kiln` command line: parses arguments with commander and hands each subcommand its options.
// Subcommands live one per file; this file only wires them and turns errors into exit codes.
import { Command, CommanderError, Option } from "commander";
import { reportError } from "./errors.js";
import { earlyReads } from "./load-project.js";
import { type CliIO, processIO, terminalSafe } from "./io.js";
import { kilnVersion } from "../domain/kiln-version.js";
import { TICK_EVENTS } from "../automation/tick.js";

/** Options every command accepts. */
export interface GlobalOptions {
  manifest?: string;
  env?: string;
  ledger?: "local" | "branch" | "auto";
}

function tickOptions(command: Command): Command {
  return command
    .addOption(new Option("--event <name>", "the tick's event").choices(TICK_EVENTS))
    .option("--now <iso-time>", "the tick's time (ISO 8601), to replay or test automation");
}

export async function main(argv: readonly string[], given: CliIO = processIO()): Promise<number> {
  const io = terminalSafe(given);
  const { program, exitCode } = kilnProgram(io);
  try {
    await program.parseAsync([...argv], { from: "user" });
    return exitCode();
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version exit 0; usage errors were printed by commander and are user errors.
      return error.exitCode === 0 ? 0 : 1;
    }
    return reportError(error, io.stderr);
  }
}

/** The names of kiln's commands, in `kiln --help`'s order (docs/cli.md has a section for each). */
export function kilnCommands(): string[] {
  const silent = () => {};
  const io: CliIO = {
    cwd: process.cwd(),
    env: {},
    stdout: silent,
    stderr: silent,
    isTTY: false,
    columns: 100,
  };
  return kilnProgram(io).program.commands.map((command) => command.name());
}

/**
 * The `kiln` command with every subcommand wired to its file; `exitCode` is what the command that
 * ran returned. Nothing runs until it parses arguments.
 */
function kilnProgram(io: CliIO): { program: Command; exitCode: () => number } {
  let exitCode = 0;
  const program = new Command("kiln")
    .description("Continuous training for machine learning, native to GitHub Actions.")
    .version(kilnVersion())
    .option("-m, --manifest <path>", "the manifest (default: kiln.yml here or in a parent directory)")
    .option(
      "-e, --env <name>",
      "the environment (default: KILN_ENV, else the one whose branches match, else dev)",
    )
    .addOption(
      new Option("--ledger <kind>", "where records are kept")
        .choices(["local", "branch", "auto"])
        .default("auto"),
    )
    .showHelpAfterError()
    .configureOutput({
      writeOut: io.stdout,
      writeErr: io.stderr,
      getOutHelpWidth: () => io.columns,
      getErrHelpWidth: () => io.columns,
    })
    .exitOverride();

  const globals = () => program.opts<GlobalOptions>();
  const action =
    <A extends unknown[]>(fn: (...args: A) => Promise<number>) =>
    async (...args: A) => {
      exitCode = await fn(...args);
    };

  program
    .command("init")
    .description("start a project here: a commented kiln.yml, a Python training step, the workflow")
    .option("--asset <name>", "the model asset's name", "model")
    .option("--python <command>", "the interpreter the step runs with", "python3")
    .option("--name <project>", "the project name (default: the folder's name)")
    .option("--no-workflow", "do not write .github/workflows/kiln.yml")
    .option("--action-ref <ref>", "the action the workflow's jobs call (default: kiln-ml/kiln@v1)")
    .action(
      action(
        (options: { asset: string; python: string; name?: string; workflow: boolean; actionRef?: string }) =>
          import("./init.js").then((m) => m.initCommand(io, options)),
      ),
    );

  program
    .command("validate")
    .description(
      "check the manifest, and that the schema files its checks read are in the checkout; print every problem with its line and column",
    )
    .option("--all", "every manifest of the repository, and that no two projects share a name")
    .action(
      action((options: { all?: boolean }) =>
        import("./validate.js").then((m) => m.validateCommand(io, globals(), options)),
      ),
    );

  program
    .command("schema")
    .description("print the JSON Schema of kiln.yml, for editors")
    .action(action(() => import("./schema.js").then((m) => m.schemaCommand(io))));

  program
    .command("graph")
    .description("print the asset graph as a Mermaid flowchart")
    .argument("[selection...]", "assets to show (model, +model, model+, group:NAME)")
    .action(
      action((selection: string[]) =>
        import("./graph.js").then((m) => m.graphCommand(io, globals(), selection)),
      ),
    );

  program
    .command("status")
    .description("show which assets are fresh, stale or missing, and why")
    .argument("[selection...]", "assets to show (model, +model, model+, group:NAME)")
    .option("--json", "print the documented JSON contract")
    .action(
      action((selection: string[], options: { json?: boolean }) => {
        const reads = earlyReads(io, globals());
        return import("./status.js").then((m) => m.statusCommand(io, globals(), selection, options, reads));
      }),
    );

  tickOptions(
    program
      .command("plan")
      .description("show what a run would materialize at this tick, and why")
      .argument("[selection...]", "assets to consider")
      .option("--json", "print the plan as JSON")
      .option(
        "--explain <asset>",
        "print the automation condition tree of one asset, as text (not with --json)",
      )
      .option(
        "--force",
        "plan even when fresh: every selected asset, or every asset without a selection (a selection alone already runs fresh assets, except in a pull request's run)",
      ),
  ).action(
    action((selection: string[], options) => {
      const reads = earlyReads(io, globals());
      return import("./plan.js").then((m) => m.planCommand(io, globals(), selection, options, reads));
    }),
  );

  tickOptions(
    program
      .command("run")
      .description("plan and materialize assets locally, in parallel")
      .argument("[selection...]", "assets to run (model, +model, model+, group:NAME)")
      .option(
        "-j, --jobs <n>",
        "steps run at once (default: number of cores); Kiln's own storing and recording overlap them",
      )
      .option(
        "--force",
        "materialize even when fresh: every selected asset, or every asset without a selection (a selection alone already runs fresh assets, except in a pull request's run)",
      )
      .option("-v, --verbose", "stream every step's output")
      .option(
        "--base <ref>",
        "compare with the merge-base of HEAD and this ref in the report, as a pull request would (with --event pull_request, default: the default branch)",
      )
      .option(
        "--set <asset.key=value>",
        "set run config for this run only (repeatable; JSON values): an experiment, recorded and compared, never promoted",
        (value: string, previous: string[] = []) => [...previous, value],
      ),
  ).action(
    action((selection: string[], options) => {
      const reads = earlyReads(io, globals());
      // A run asked to build something (forced, or a selection) starts its step spawner (a Node
      // process) now, from its own small chunk, so the spawner boots while the run's code is
      // compiled, not after: on a busy machine its start-up delayed the first step.
      if (options.force || selection.length > 0)
        import("../run/step-spawner.js").then(
          (m) => m.stepSpawner().warm(),
          () => {}, // the run's own import of it reports the problem
        );
      return import("./run.js").then((m) => m.runCommand(io, globals(), selection, options, reads));
    }),
  );

  program
    .command("history")
    .description(
      "list the versions of an asset with metrics (the primary first), aliases, environment and branch (--env NAME keeps one environment's)",
    )
    .argument("<asset>")
    .option("--json", "print JSON")
    .option("--branch <name>", "only the versions made on this branch")
    .action(
      action((asset: string, options: { json?: boolean; branch?: string }) =>
        import("./history.js").then((m) => m.historyCommand(io, globals(), asset, options)),
      ),
    );

  program
    .command("show")
    .description(
      "show one materialization: ASSET (this checkout's current version, as kiln status shows it), ASSET@v3 or ASSET@champion",
    )
    .argument("<ref>")
    .option("--json", "print the record as JSON")
    .option(
      "--branch <name>",
      "the latest version made on this branch (with --env NAME, in that environment)",
    )
    .action(
      action((ref: string, options: { json?: boolean; branch?: string }) =>
        import("./show.js").then((m) => m.showCommand(io, globals(), ref, options)),
      ),
    );

  program
    .command("pull")
    .description(
      "restore a version's outputs into the workspace from any store: ASSET (this checkout's current version, as kiln status shows it), ASSET@champion, ASSET@v3; --all for every fresh asset",
    )
    .argument("[refs...]", "one version (ASSET, ASSET@champion, ASSET@v3), or with --all a selection")
    .option("--all", "restore the current outputs of every fresh asset (of the selection)")
    .option(
      "--branch <name>",
      "the latest version made on this branch (with --env NAME, in that environment)",
    )
    .action(
      action((refs: string[], options: { all?: boolean; branch?: string }) =>
        import("./pull.js").then((m) => m.pullCommand(io, globals(), refs, options)),
      ),
    );

  program
    .command("promote")
    .description("point an alias at a version by hand")
    .argument("<asset>")
    .argument("<version>", "v3 or 3")
    .option(
      "--alias <name>",
      "the alias to move (default: the one the asset's promote moves; champion without one)",
    )
    .option("--reason <text>", "why, for the alias history")
    .option(
      "--force",
      "point the alias at a version no run would promote: one made outside prod, or an experiment",
    )
    .action(
      action(
        (asset: string, version: string, options: { alias?: string; reason?: string; force?: boolean }) =>
          import("./promote.js").then((m) => m.promoteCommand(io, globals(), asset, version, options)),
      ),
    );

  program
    .command("aliases")
    .description("print the alias history of an asset: when, who or which run, from, to and why")
    .argument("<asset>")
    .option("--alias <name>", "only this alias")
    .option("--json", "print JSON")
    .action(
      action((asset: string, options: { json?: boolean; alias?: string }) =>
        import("./aliases.js").then((m) => m.aliasesCommand(io, globals(), asset, options)),
      ),
    );

  program
    .command("rollback")
    .description(
      "move an alias back through its history: v4 → v3, then v3 → v2 (--to vN jumps to an earlier holder)",
    )
    .argument("<asset>")
    .option(
      "--alias <name>",
      "the alias to move (default: the one the asset's promote moves; champion without one)",
    )
    .option("--to <version>", "the earlier holder to go back to (v2 or 2)")
    .option("--reason <text>", "why, for the alias history")
    .option(
      "--force",
      "go back to a holder no run would promote (one made outside prod, or an experiment): as kiln promote --force",
    )
    .action(
      action((asset: string, options: { alias?: string; reason?: string; to?: string; force?: boolean }) =>
        import("./promote.js").then((m) => m.rollbackCommand(io, globals(), asset, options)),
      ),
    );

  program
    .command("report")
    .description("render a kept run's report: by default the latest run that did something")
    .addOption(new Option("--format <format>", "output format").choices(["md", "json"]).default("md"))
    .option("-o, --output <path>", "write to a file instead of stdout")
    .option("--run <id>", "the report of this run (an id from --list, or a unique prefix)")
    .option("--list", "list the kept runs, newest first")
    .action(
      action((options: { format: "md" | "json"; output?: string; run?: string; list?: boolean }) =>
        import("./report.js").then((m) => m.reportCommand(io, globals(), options)),
      ),
    );

  program
    .command("site")
    .description("render the static history site (overview, assets, versions, compare) from the ledger")
    .option("-o, --output <dir>", "the directory to write (default: .kiln/site next to the manifest)")
    .option("--title <text>", "the site's title (default: site.title of the manifest, else the project name)")
    .option(
      "--repository-url <url>",
      "the repository's web address, for commit links (default: from GITHUB_SERVER_URL and GITHUB_REPOSITORY)",
    )
    .option("--now <iso-time>", "the build time that next ticks are counted from (ISO 8601)")
    .option(
      "-j, --jobs <n>",
      "threads reading and writing versions (default: the cores, at most 4, for a site of thousands of versions)",
    )
    .action(
      action(
        (options: { output?: string; title?: string; repositoryUrl?: string; now?: string; jobs?: string }) =>
          import("./site.js").then((m) => m.siteCommand(io, globals(), options)),
      ),
    );

  program
    .command("doctor")
    .description("check the ledger and the store; report each problem by path with a fix")
    .action(action(() => import("./doctor.js").then((m) => m.doctorCommand(io, globals()))));

  program
    .command("adopt-ledger")
    .description(
      "move records written before projects existed (at the ledger's root) into this project's namespace",
    )
    .action(action(() => import("./adopt-ledger.js").then((m) => m.adoptLedgerCommand(io, globals()))));

  program
    .command("generate")
    .description("write the GitHub Actions workflow for the manifest")
    .option("--check", "fail with a diff when the committed workflow is out of date")
    .option(
      "--all",
      "every manifest of the repository, each project its own workflow file; fails when two projects share a name",
    )
    .option(
      "-o, --output <path>",
      "the workflow file (default: .github/workflows/kiln.yml for the manifest at the repository root, kiln-PROJECT.yml for one in a folder)",
    )
    .option("--action-ref <ref>", "the action the jobs call (default: kiln-ml/kiln@v1)")
    .action(
      action((options: { check?: boolean; output?: string; actionRef?: string; all?: boolean }) =>
        import("./generate.js").then((m) => m.generateCommand(io, globals(), options)),
      ),
    );

  return { program, exitCode: () => exitCode };
}
