// Kiln's own cost per materialization, and how close parallel runs come to the critical path.
import { execFileSync, spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { buildCli, commitAll, git, kiln, line, median, tempDir, timeAlternating } from "./util.js";

/**
 * CPU milliseconds of a command and every process it starts (`perf stat` counts the whole tree,
 * the step spawner and the steps included, which /usr/bin/time does not: Kiln never waits for the
 * spawner), or undefined where perf is not available.
 */
function treeCpuMs(cwd: string, command: string[]): number | undefined {
  const result = spawnSync("perf", ["stat", "-x", ",", "-e", "task-clock", "--", ...command], {
    cwd,
    encoding: "utf8",
    maxBuffer: 1 << 30,
    env: { ...process.env, CI: "true", GITHUB_ACTIONS: "" },
  });
  if (result.status !== 0) return undefined;
  const found = /^([\d.]+),msec,task-clock/m.exec(result.stderr ?? "");
  return found ? Number(found[1]) : undefined;
}

/**
 * The machine's load while a benchmark ran (1-minute averages before and after): on a shared
 * machine, wall times at load 10 say more about the neighbours than about Kiln.
 */
function loadDuring<T>(measure: () => T): [T, string] {
  const before = os.loadavg()[0]!;
  const result = measure();
  return [result, `load ${before.toFixed(1)} → ${os.loadavg()[0]!.toFixed(1)}`];
}

function repo(prefix: string, manifest: string): string {
  const dir = tempDir(prefix);
  git(dir, "init", "-q", "-b", "main");
  writeFileSync(path.join(dir, "kiln.yml"), manifest);
  writeFileSync(path.join(dir, ".gitignore"), ".kiln/\n");
  commitAll(dir, "bench");
  return dir;
}

/** 200 assets whose run is `true`, materialized one at a time, against 200 bare spawns of `true`. */
export async function overheadBench(count = 200): Promise<string> {
  await buildCli();
  const assets = Array.from(
    { length: count },
    (_, i) => `  t${i}:\n    code-version: "1"\n    run: "true"`,
  ).join("\n");
  const dir = repo("overhead", `version: 1\nassets:\n${assets}\n`);
  // Kiln's own CPU (its steps run under the spawner, which Kiln does not wait for, so they are
  // not in it): steadier than wall time on a shared machine.
  const cpu = { status: [] as number[], run: [] as number[] };
  const [[floor, fixed, run, two], load] = loadDuring(
    () =>
      timeAlternating(3, [
        () => {
          for (let i = 0; i < count; i++) execFileSync("/bin/sh", ["-c", "true"]);
        },
        () => cpu.status.push(kiln(dir, ["status", "--json"]).cpuSeconds ?? Number.NaN),
        () => cpu.run.push(kiln(dir, ["run", "--force", "-j", "1"]).cpuSeconds ?? Number.NaN),
        () => kiln(dir, ["run", "--force", "-j", "2"]),
      ]) as [number, number, number, number],
  );
  const perAsset = (run - fixed - floor) / count;
  const cpuPerAsset = ((median(cpu.run) - median(cpu.status)) * 1000) / count;
  // The bound on two cores, from CPU per asset: Kiln's own (its main thread does the preparing,
  // storing and recording of every step, one at a time) and everything else a step costs (the
  // spawner's fork, the child until exec, the shell). At -j 1 a step's start, run and exit are one
  // chain, and Kiln's work overlaps it; at -j N no more than the cores can run at once.
  const cli = await buildCli();
  const tree = { status: [] as number[], run: [] as number[] };
  for (let round = 0; round < 3; round++) {
    tree.status.push(treeCpuMs(dir, [process.execPath, cli, "status", "--json"]) ?? Number.NaN);
    tree.run.push(treeCpuMs(dir, [process.execPath, cli, "run", "--force", "-j", "1"]) ?? Number.NaN);
  }
  const totalPerAsset = (median(tree.run) - median(tree.status)) / count;
  const cores = os.availableParallelism();
  const stepsPerAsset = totalPerAsset - cpuPerAsset;
  const oneLane = Math.max(stepsPerAsset, cpuPerAsset);
  const twoLanes = Math.max(totalPerAsset / Math.min(2, cores), cpuPerAsset);
  return [
    line(
      `kiln run --force -j 1, ${count} assets running \`true\` (${load})`,
      run,
      `${count} spawns of sh -c true`,
      floor,
      2,
    ),
    `  Kiln's own cost per asset at -j 1: ${perAsset.toFixed(2)} ms over the step's process and a status of ${fixed.toFixed(0)} ms (goal ≤ 1.5 ms${perAsset <= 1.5 ? ", met" : ", NOT met"})`,
    `  Kiln's own CPU per asset at -j 1: ${cpuPerAsset.toFixed(2)} ms over a status`,
    `  -j 2: ${two.toFixed(0)} ms, ${(run / two).toFixed(2)}× faster than -j 1 (goal close to 2×${run / two >= 1.8 ? ", met" : ", NOT met"})`,
    // Start-up (loading, planning: a status) is serial whatever -j says, and at 200 trivial steps it
    // is a third of the run: this is what -j changes.
    `  -j 2 beyond start-up (a status): ${(two - fixed).toFixed(0)} ms vs ${(run - fixed).toFixed(0)} ms at -j 1, ${((run - fixed) / (two - fixed)).toFixed(2)}× faster`,
    ...(Number.isFinite(totalPerAsset)
      ? [
          `  CPU per asset, all processes: ${totalPerAsset.toFixed(2)} ms (Kiln ${cpuPerAsset.toFixed(2)}, spawner and step ${stepsPerAsset.toFixed(2)}); on ${cores} cores -j 1 needs ≥ ${oneLane.toFixed(2)} ms an asset, -j 2 ≥ ${twoLanes.toFixed(2)}: at most ${(oneLane / twoLanes).toFixed(2)}× faster`,
        ]
      : []),
  ].join("\n");
}

/** A wide graph of sleeps: 3 layers of 8, each step sleeping 0.5 s; critical path 1.5 s. */
export async function criticalPathBench(width = 8, depth = 3, seconds = 0.5): Promise<string> {
  await buildCli();
  const lines = ["version: 1", "assets:"];
  for (let layer = 0; layer < depth; layer++) {
    for (let i = 0; i < width; i++) {
      const deps = layer > 0 ? `\n    deps: [l${layer - 1}-${i}]` : "";
      lines.push(`  l${layer}-${i}:${deps}\n    code-version: "1"\n    run: sleep ${seconds}`);
    }
  }
  const dir = repo("critical", `${lines.join("\n")}\n`);
  const critical = depth * seconds * 1000;
  // Kiln's start-up (loading, planning) is a status; measured by turns with the run. So are the
  // floors of any start: Node itself, and Node loading Kiln's command line (`kiln --version`
  // plans nothing and runs nothing).
  const cli = await buildCli();
  const [[run, status, node, version], load] = loadDuring(
    () =>
      timeAlternating(3, [
        () => kiln(dir, ["run", "--force", "-j", String(width)]),
        () => kiln(dir, ["status", "--json"]),
        () => execFileSync(process.execPath, ["-e", "0"]),
        () => execFileSync(process.execPath, [cli, "--version"]),
      ]) as [number, number, number, number],
  );
  const budget = critical * 0.05;
  return [
    line(
      `kiln run -j ${width}, ${width}×${depth} sleeps of ${seconds} s (${load})`,
      run,
      "critical path",
      critical,
      1.05,
    ),
    `  beyond Kiln's start-up (a status, ${status.toFixed(0)} ms): ${(run - status).toFixed(0)} ms = ${((run - status) / critical).toFixed(2)}× the critical path`,
    `  the goal leaves ${budget.toFixed(0)} ms for starting, planning and ${depth} hand-offs; node -e 0 takes ${node.toFixed(0)} ms and \`kiln --version\` ${version.toFixed(0)} ms${version >= budget ? ": the goal is below this machine's floor for starting the command" : ""}`,
  ].join("\n");
}

/**
 * One step printing `lines` lines: Kiln masks, logs and streams each line and looks for a new series
 * point after each; its own CPU beside the same command run bare, which should stay small.
 */
export async function chattyBench(lines = 20_000): Promise<string> {
  await buildCli();
  const command = `i=0; while [ $i -lt ${lines} ]; do echo "line $i"; i=$((i+1)); done`;
  const dir = repo(
    "chatty",
    `version: 1\nassets:\n  chatty:\n    code-version: "1"\n    run: ${JSON.stringify(command)}\n`,
  );
  const cpu = { status: [] as number[], run: [] as number[] };
  const [bare, , run] = timeAlternating(3, [
    () => execFileSync("/bin/sh", ["-c", command], { maxBuffer: 1 << 30 }),
    () => cpu.status.push(kiln(dir, ["status", "--json"]).cpuSeconds ?? Number.NaN),
    () => cpu.run.push(kiln(dir, ["run", "--force"]).cpuSeconds ?? Number.NaN),
  ]) as [number, number, number];
  const own = (median(cpu.run) - median(cpu.status)) * 1000;
  return [
    `kiln run, one step printing ${lines.toLocaleString("en-US")} lines: ${run.toFixed(0)} ms vs the command alone ${bare.toFixed(0)} ms`,
    `  Kiln's own CPU over a status: ${own.toFixed(0)} ms (${((own * 1000) / lines).toFixed(1)} µs a line)`,
  ].join("\n");
}
