// Materializing one asset, in-process: the step gets its config, metrics and series files; its
// outputs are cleared before each attempt, stored by content and recorded with their blob ids; a
// failed attempt is retried, a hung one times out; every way a step can fail leaves a failure
// record that says what went wrong, and never a materialization record. Real `sh` steps in real
// git repositories, driven through the pipeline as `kiln run` drives them.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { blobIdOfFile } from "../../src/version/blob.js";
import { engineRepo, ledgerOf, localEnv, runEngine } from "../support/engine-run.js";
import { kilnIn } from "../support/kiln-in-process.js";

describe("materialize", () => {
  it("records a version: config in, metrics and series out, outputs stored by content", async () => {
    const dir = engineRepo(
      `version: 1
assets:
  model:
    code: [train.sh]
    config: { epochs: 3, lr: 0.5 }
    env: { GREETING: hello }
    run: sh train.sh
    outputs: [build/model.json, build/plots]
    metrics: { primary: loss, direction: minimize }
`,
      {
        "train.sh": `mkdir -p build/plots/deep
cp "$KILN_CONFIG" build/model.json
echo "$GREETING from $KILN_ASSET in $KILN_ENV" > build/plots/note.txt
printf 'p' > build/plots/deep/p.txt
for i in 1 2 3; do echo "{\\"step\\": $i, \\"loss\\": 0.$((4 - i))}" >> "$KILN_SERIES"; done
echo '{"loss": 0.1, "acc": 0.9}' > "$KILN_METRICS"
echo trained
`,
      },
    );
    const run = await runEngine(dir);
    const done = run.outcome("model")!;
    expect(done).toMatchObject({ outcome: "success", detail: "v1" });
    expect(JSON.parse(readFileSync(path.join(dir, "build/model.json"), "utf8"))).toEqual({
      epochs: 3,
      lr: 0.5,
    });
    expect(readFileSync(path.join(dir, "build/plots/note.txt"), "utf8")).toBe(
      `hello from model in ${run.workspace.environment}\n`,
    );

    const [record] = (await ledgerOf(run.workspace, "model")).records;
    expect(record).toMatchObject({
      asset: "model",
      version: 1,
      status: "success",
      attempts: 1,
      metrics: { loss: 0.1, acc: 0.9 },
      reasons: ["never materialized", "automation: eager"],
    });
    // A directory output is every file under it, sorted; each recorded by its git blob id.
    expect(Object.keys(record!.outputs)).toEqual([
      "build/model.json",
      "build/plots/deep/p.txt",
      "build/plots/note.txt",
    ]);
    for (const [file, output] of Object.entries(record!.outputs)) {
      expect(output.blob).toBe(await blobIdOfFile(path.join(dir, file)));
      // The local store holds the bytes under their blob id.
      expect(existsSync(path.join(dir, ".kiln/store", output.blob.slice(0, 2), output.blob.slice(2)))).toBe(
        true,
      );
    }
    expect(record!.locations?.map((l) => l.kind)).toEqual(["local"]);
    expect(await run.workspace.ledger.series(record!)).toEqual([
      { step: 1, loss: 0.3 },
      { step: 2, loss: 0.2 },
      { step: 3, loss: 0.1 },
    ]);
    expect(readFileSync(done.logFile!, "utf8")).toBe("trained\n");
    expect(run.lines).toEqual([{ asset: "model", text: "trained" }]);
  });

  it("hands every materialization of a config the one file that holds it, whatever a step wrote there", async () => {
    const dir = engineRepo(`version: 1
assets:
  model:
    config: { epochs: 3 }
    run: 'mkdir -p build && echo "$KILN_CONFIG" && cat "$KILN_CONFIG" > build/seen.json && echo "{}" > "$KILN_CONFIG"'
    outputs: [build/seen.json]
`);
    const seen = () => JSON.parse(readFileSync(path.join(dir, "build/seen.json"), "utf8"));
    const first = await runEngine(dir);
    expect(first.outcome("model")).toMatchObject({ outcome: "success", detail: "v1" });
    expect(seen()).toEqual({ epochs: 3 });
    // The next materialization reads the same file, put back as the config says: a file written
    // for each one was the dearest of the few system calls Kiln makes for a step.
    const again = await runEngine(dir, { force: true });
    expect(again.outcome("model")).toMatchObject({ outcome: "success", detail: "v2" });
    expect(seen()).toEqual({ epochs: 3 });
    expect(again.lines).toEqual(first.lines);
    // Another config, another file.
    writeFileSync(
      path.join(dir, "kiln.yml"),
      readFileSync(path.join(dir, "kiln.yml"), "utf8").replace("epochs: 3", "epochs: 4"),
    );
    const changed = await runEngine(dir);
    expect(changed.outcome("model")).toMatchObject({ outcome: "success", detail: "v3" });
    expect(seen()).toEqual({ epochs: 4 });
    expect(changed.lines).not.toEqual(first.lines);
    expect(path.relative(dir, first.lines[0]!.text)).toMatch(
      /^\.kiln\/runs\/model\/config-[0-9a-f]{16}\.json$/,
    );
  });

  it("gives each project of a folder its own config file, for assets of one name and one config", async () => {
    const manifest = (name: string) => `version: 1
name: ${name}
assets:
  model:
    config: { epochs: 3 }
    run: 'echo "$KILN_CONFIG"'
`;
    const dir = engineRepo(manifest("first"), { "second.yml": manifest("second") });
    const configOf = async (file: string) => {
      const run = await kilnIn(dir, ["--manifest", file, "run", "--verbose"]);
      expect(run.code).toBe(0);
      return /(\S*config-[0-9a-f]{16}\.json)/.exec(run.stdout)?.[1];
    };
    const first = await configOf("kiln.yml");
    const second = await configOf("second.yml");
    expect(first).toBeDefined();
    expect(second).toBeDefined();
    expect(second).not.toBe(first);
  });

  it("shows the newest series point while the step runs", async () => {
    const sync = mkdtempSync(path.join(os.tmpdir(), "kiln-sync-"));
    const dir = engineRepo(`version: 1
assets:
  model:
    config: { epochs: 60 }
    run: 'echo "{\\"step\\": 37, \\"val_mae\\": 2.51, \\"train_mae\\": 2.4}" >> "$KILN_SERIES"; echo "epoch 37"; i=0; while [ ! -e "$SYNC/seen" ]; do i=$((i+1)); [ $i -gt 2400 ] && exit 9; sleep 0.05; done'
    metrics: { primary: val_mae, direction: minimize }
`);
    // The step waits until the progress line has been shown: no timing decides the outcome.
    const run = await runEngine(dir, {
      env: localEnv({ SYNC: sync }),
      onProgress: () => writeFileSync(path.join(sync, "seen"), ""),
    });
    expect(run.outcome("model")?.outcome).toBe("success");
    expect(run.progress[0]).toEqual({ asset: "model", text: "epoch 37/60 · val_mae 2.51 · train_mae 2.4" });
  });

  it("clears declared outputs before the step: stale bytes are never versioned as this run's", async () => {
    const dir = engineRepo(`version: 1
assets:
  model:
    run: 'echo "forgot to write the model"'
    outputs: [build/model.bin]
`);
    mkdirSync(path.join(dir, "build"));
    writeFileSync(path.join(dir, "build/model.bin"), "left by an earlier, failed run");
    const run = await runEngine(dir);
    expect(run.outcome("model")).toMatchObject({
      outcome: "failed",
      detail: "the step succeeded but did not write its declared output build/model.bin",
    });
    expect(existsSync(path.join(dir, "build/model.bin"))).toBe(false);
    const { records, failures } = await ledgerOf(run.workspace, "model");
    expect(records).toEqual([]);
    expect(failures[0]!.logTail).toEqual(["forgot to write the model"]);
  });

  it("a declared folder output the step left empty is not written: no version, the blocking check's run fails", async () => {
    const dir = engineRepo(`version: 1
assets:
  model:
    run: 'mkdir -p out/model/logs'
    outputs: [out/model]
    checks:
      - { output: out/model, blocking: true }
`);
    const run = await runEngine(dir);
    expect(run.outcome("model")).toMatchObject({
      outcome: "failed",
      detail: "the step succeeded but did not write its declared output out/model (an empty folder)",
    });
    const { records, failures } = await ledgerOf(run.workspace, "model");
    expect(records).toEqual([]);
    expect(failures).toHaveLength(1);
  });

  it("a symbolic link in a folder output fails the step, naming each link: no version restores without it", async () => {
    const dir = engineRepo(`version: 1
assets:
  model:
    run: 'mkdir -p build/model/ckpt-3 build/model/logs && echo w > build/model/ckpt-3/weights.bin && ln -s ckpt-3 build/model/latest && ln -s ../ckpt-3/weights.bin build/model/logs/best.bin'
    outputs: [build/model]
  use:
    deps: [model]
    run: cat build/model/latest/weights.bin
`);
    const run = await runEngine(dir);
    expect(run.outcome("model")).toMatchObject({
      outcome: "failed",
      detail:
        "the step left symbolic links in its output folder, which Kiln cannot store (a version is the bytes of its files; a restored folder would lack them): build/model/latest, build/model/logs/best.bin; write the file itself there, or copy it (cp -L) instead of linking",
    });
    expect(run.outcome("use")?.outcome).toBe("skipped");
    const { records, failures } = await ledgerOf(run.workspace, "model");
    expect(records).toEqual([]);
    expect(failures).toHaveLength(1);
  });

  it("retries a failed attempt from a clean slate, and records how many it took", async () => {
    const sync = mkdtempSync(path.join(os.tmpdir(), "kiln-sync-"));
    // The first attempt reports a metric and fails; the second reports none and succeeds.
    const dir = engineRepo(
      `version: 1
assets:
  flaky:
    code: [flaky.sh]
    retries: 2
    run: sh flaky.sh
    outputs: [build/out.txt]
`,
      {
        "flaky.sh": `mkdir -p build
if [ ! -e "$SYNC/tried" ]; then
  touch "$SYNC/tried"
  echo '{"loss": 99}' > "$KILN_METRICS"
  echo partial > build/out.txt
  echo "connection reset" >&2
  exit 1
fi
echo ok > build/out.txt
`,
      },
    );
    const run = await runEngine(dir, { env: localEnv({ SYNC: sync }) });
    expect(run.outcome("flaky")).toMatchObject({ outcome: "success", detail: "v1" });
    expect(run.lines.map((l) => l.text)).toEqual(["connection reset", "kiln: attempt 2 of 3"]);
    const [record] = (await ledgerOf(run.workspace, "flaky")).records;
    expect(record).toMatchObject({ attempts: 2, metrics: {} });
    expect(readFileSync(path.join(dir, "build/out.txt"), "utf8")).toBe("ok\n");
  });

  it("gives up after the last retry with the step's exit code and its last lines", async () => {
    const dir = engineRepo(`version: 1
assets:
  broken:
    retries: 1
    run: 'echo "Traceback: boom" >&2; exit 2'
    outputs: [build/out.txt]
`);
    const run = await runEngine(dir);
    expect(run.outcome("broken")).toMatchObject({
      outcome: "failed",
      detail: '`echo "Traceback: boom" >&2; exit 2` exited with code 2',
    });
    const { failures } = await ledgerOf(run.workspace, "broken");
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatchObject({
      attempts: 2,
      error: '`echo "Traceback: boom" >&2; exit 2` exited with code 2',
    });
    // The tail is the last attempt's, under the line that says which attempt it was.
    expect(failures[0]!.logTail).toEqual(["kiln: attempt 2 of 2", "Traceback: boom"]);
    expect(run.lines.map((l) => l.text)).toEqual([
      "Traceback: boom",
      "kiln: attempt 2 of 2",
      "Traceback: boom",
    ]);
    // Both attempts are in the one log, told apart as on the terminal.
    expect(readFileSync(run.outcome("broken")!.logFile!, "utf8")).toBe(
      "Traceback: boom\nkiln: attempt 2 of 2\nTraceback: boom\n",
    );
  });

  it("does not retry a step that exited 0 without its declared output: it ran to its end", async () => {
    const dir = engineRepo(`version: 1
assets:
  forgetful:
    retries: 2
    run: 'echo trying'
    outputs: [build/out.txt]
`);
    const run = await runEngine(dir);
    expect(run.outcome("forgetful")).toMatchObject({
      outcome: "failed",
      detail: "the step succeeded but did not write its declared output build/out.txt",
    });
    const { failures } = await ledgerOf(run.workspace, "forgetful");
    expect(failures).toMatchObject([{ attempts: 1 }]);
    expect(run.lines.map((l) => l.text)).toEqual(["trying"]);
  });

  it("stops a step that runs past its timeout and records why", async () => {
    const dir = engineRepo(`version: 1
assets:
  hung:
    timeout: 1s
    run: 'sleep 60'
    outputs: [build/out.txt]
`);
    const run = await runEngine(dir);
    expect(run.outcome("hung")).toMatchObject({
      outcome: "failed",
      detail: "`sleep 60` timed out after 1 s",
    });
    const { failures } = await ledgerOf(run.workspace, "hung");
    expect(failures[0]!.logTail).toEqual(["kiln: timed out after 1 s; stopping the step"]);
  });

  it("fails with the file and position when the metrics are not JSON, quoting none of it", async () => {
    const dir = engineRepo(`version: 1
assets:
  model:
    run: 'printf "{\\"loss\\": 0.1,\\n \\"acc\\": oops}" > "$KILN_METRICS"'
`);
    const run = await runEngine(dir);
    const failed = run.outcome("model")!;
    expect(failed.outcome).toBe("failed");
    expect(failed.detail).toMatch(
      /^asset "model" wrote invalid JSON to KILN_METRICS at .*metrics\.json:2:9: not a JSON value/,
    );
    expect(failed.detail).not.toContain("oops");
    expect((await ledgerOf(run.workspace, "model")).failures).toHaveLength(1);
  });

  it("an asset without outputs (a notification, a check) records a version with no bytes", async () => {
    const dir = engineRepo(`version: 1
assets:
  notify:
    run: 'echo "{\\"sent\\": 1}" > "$KILN_METRICS"'
`);
    const run = await runEngine(dir);
    expect(run.outcome("notify")).toMatchObject({ outcome: "success", detail: "v1" });
    const [record] = (await ledgerOf(run.workspace, "notify")).records;
    expect(record).toMatchObject({ outputs: {}, metrics: { sent: 1 } });
  });

  it("refuses a secret that is not set, before the step runs, and masks one that is", async () => {
    const dir = engineRepo(`version: 1
assets:
  upload:
    env: { API_KEY: { secret: KILN_TEST_API_KEY } }
    run: 'echo "using key $API_KEY"; mkdir -p build && echo done > build/out.txt'
    outputs: [build/out.txt]
`);
    const missing = await runEngine(dir);
    expect(missing.outcome("upload")).toMatchObject({ outcome: "failed" });
    expect(missing.outcome("upload")!.detail).toMatch(
      /^secret KILN_TEST_API_KEY not set: export KILN_TEST_API_KEY=… locally, or add it under the repository's Actions secrets$/,
    );
    expect(missing.lines).toEqual([]);

    // A handled failure waits for a change or a selection (docs/manifest.md): setting the secret
    // and naming the asset retries it.
    const env = localEnv({ KILN_TEST_API_KEY: "sk-live-7f3a9c2e" });
    expect((await runEngine(dir, { env })).outcome("upload")).toBeUndefined();
    const run = await runEngine(dir, { env, selection: ["upload"] });
    expect(run.outcome("upload")?.outcome).toBe("success");
    expect(run.lines.map((l) => l.text)).toEqual(["using key ***"]);
    expect(readFileSync(run.outcome("upload")!.logFile!, "utf8")).toBe("using key ***\n");
    const ledgerText = JSON.stringify(await ledgerOf(run.workspace, "upload"));
    expect(ledgerText).not.toContain("sk-live-7f3a9c2e");
  });

  it("refuses to store an output that the step turned into a link out of the project", async () => {
    const outside = mkdtempSync(path.join(os.tmpdir(), "kiln-outside-"));
    const dir = engineRepo(`version: 1
assets:
  sneaky:
    run: 'mkdir -p build && ln -s "$OUTSIDE" build/data && echo secret > build/data/model.txt'
    outputs: [build/data/model.txt]
`);
    const run = await runEngine(dir, { env: localEnv({ OUTSIDE: outside }) });
    const failed = run.outcome("sneaky")!;
    expect(failed.outcome).toBe("failed");
    expect(failed.detail).toMatch(
      /^refusing to clear or store output build\/data\/model\.txt: .*nothing was stored or recorded/,
    );
    expect((await ledgerOf(run.workspace, "sneaky")).records).toEqual([]);
    // The file outside the project is untouched and was not copied into the store.
    expect(readFileSync(path.join(outside, "model.txt"), "utf8")).toBe("secret\n");
  });
});
