// Materializes one asset: restore dependency outputs → run (timeout, retries, live log) → read
// metrics and series → run checks → store outputs by content → write the ledger record → promote.
// The ledger record is written only once everything it describes is safely in the store, so a
// crash at any point leaves either no record or a complete one.
import { readdir, rm, stat } from "node:fs/promises";
import path from "node:path";
import type { AssetSpec, Project } from "../manifest/project.js";
import { declaredSecrets, resolveEnv } from "../manifest/project.js";
import type { SecretMasker } from "../domain/secret-mask.js";
import type {
  CheckResult,
  FailureRecord,
  MaterializationRecord,
  NotFinite,
  OutputRecord,
  Provenance,
  RunContext,
  StoreLocation,
} from "../domain/records.js";
import type { Ledger } from "../ledger/ledger.js";
import { headLogOf } from "../ledger/heads.js";
import { resolveInside } from "../paths/containment.js";
import { makeStateDirSync } from "../paths/kiln-dir.js";
import type { StoreChain } from "../store/chain.js";
import { dataVersion } from "../version/versions.js";
import { blockingFailures, runChecks } from "./checks.js";
import { configFile } from "./config-file.js";
import { readMetrics, streamSeries } from "./metrics.js";
import { SeriesPreview } from "./series-preview.js";
import { SeriesFileWriter } from "../ledger/series-file.js";
import { crashPoint } from "../domain/crash-point.js";
import { compactTime } from "../domain/compact-time.js";
import { currentHolder, LedgerDamaged, promoteIfBetter, type PromotionOutcome } from "./promote.js";
import { decidePromotion } from "./promotion.js";
import { restoreOutputs } from "./restore.js";
import { formatSeriesPoint } from "./progress.js";
import { followSeries } from "./series-follow.js";
import { runStep } from "./step.js";
import type { StepLane } from "./step-spawner.js";
import { inGitHubActions, knownSecretsMasker, stepBaseEnvironment } from "./step-environment.js";
import { stepHelperEnv } from "./step-helpers.js";

export interface MaterializeRequest {
  project: Project;
  asset: AssetSpec;
  environment: string;
  logicalVersion: string;
  provenance: Provenance;
  /** Why it runs, recorded and reported. */
  reasons: string[];
  /** The records whose outputs the step reads: the current materialization of each dependency. */
  dependencies: MaterializationRecord[];
  ledger: Ledger;
  stores: StoreChain;
  context: RunContext;
  /** Why promotion is off in this run (pull request, other branch); undefined when allowed. */
  promotionBlocker?: string | undefined;
  /** Where run directories and logs go: `<root>/.kiln/runs`. */
  runsDir: string;
  /**
   * The run's limit on steps at once (`-j`): the step's processes (each attempt, command checks)
   * wait for their turn in the spawner (step-spawner.ts), which starts the next as soon as one ends.
   * Kiln's own work before and after a step (restoring, storing, recording) happens outside it, so
   * it overlaps the next step instead of adding to it. Runs at once when absent.
   */
  stepLane?: StepLane | undefined;
  /** Called when one of the step's processes has started (after its wait for a turn). */
  onStepStart?: (() => void) | undefined;
  signal?: AbortSignal | undefined;
  onLine?: ((line: string) => void) | undefined;
  /** The latest series point while the step runs, as text: `epoch 37/60 · val_mae 2.51`. */
  onProgress?: ((text: string) => void) | undefined;
  /** How often the series file is looked at while the step runs (also after each output line). */
  progressIntervalMs?: number | undefined;
  /**
   * The environment Kiln runs in: secrets are read from it by name, and the step inherits what
   * step-environment.ts lets through (in Actions, the runner's ordinary variables only).
   */
  baseEnv?: NodeJS.ProcessEnv | undefined;
  /**
   * What every step starts from (`stepBaseEnvironment` of `baseEnv` and the project's secrets),
   * when the caller worked it out once for the whole run: reading `process.env` whole is slow (each
   * variable is a call into the C++ side), and it is the same for every asset of a run.
   */
  stepBaseEnv?: NodeJS.ProcessEnv | undefined;
  /**
   * The masker of every secret Kiln knows (`knownSecretsMasker` of `baseEnv` and the project's
   * secrets), when the caller worked it out once for the whole run, as `stepBaseEnv`: the same for
   * every asset, and worked out for each it read the whole environment and every asset's env once
   * per asset (a run's cost grew with the square of its assets).
   */
  knownSecrets?: SecretMasker | undefined;
  now?: () => Date;
}

export type MaterializeOutcome = (
  | {
      status: "success";
      record: MaterializationRecord;
      promotion?: PromotionOutcome | undefined;
      logFile: string;
    }
  | { status: "failed" | "cancelled"; failure: FailureRecord; logFile: string }
  /**
   * Cancelled while its step waited for its turn: nothing ran and nothing is recorded, as for an
   * asset the executor had not begun (its outputs were left as they were).
   */
  | {
      status: "not-started";
      /** Why, when not a cancel: Kiln's step runner died before the step's turn (step-spawner.ts). */
      reason?: string | undefined;
    }
) & {
  /** How long its first attempt waited for a turn to run (`-j`): not part of its duration. */
  waitedMs?: number | undefined;
};

/**
 * Lists the files an output path stands for: the file itself, or every file under a directory;
 * and the symbolic links under a directory, which the store cannot keep (a version is the bytes of
 * its files, and a link's target may be anywhere): the step fails naming them rather than record a
 * version that restores without them.
 */
async function outputFiles(
  root: string,
  output: string,
): Promise<{ files: string[]; links: string[] } | undefined> {
  const absolute = path.resolve(root, output);
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(absolute);
  } catch {
    return undefined;
  }
  if (!info.isDirectory()) return { files: [output], links: [] };
  const entries = await readdir(absolute, { recursive: true, withFileTypes: true });
  const relative = (e: (typeof entries)[number]) =>
    path.relative(root, path.join(e.parentPath, e.name)).split(path.sep).join("/");
  return {
    files: entries
      .filter((e) => e.isFile())
      .map(relative)
      .sort(),
    links: entries
      .filter((e) => e.isSymbolicLink())
      .map(relative)
      .sort(),
  };
}

/**
 * The absolute paths of an asset's outputs, each through the containment check, or why one is
 * refused. Asked before the step (Kiln clears them) and again before storing (the step may have
 * turned a folder into a symlink).
 */
async function containedOutputs(
  root: string,
  outputs: readonly string[],
  consequence: string,
): Promise<{ ok: true; paths: string[] } | { ok: false; error: string }> {
  const paths: string[] = [];
  for (const output of outputs) {
    const inside = await resolveInside(root, output);
    if (!inside.ok)
      return {
        ok: false,
        error: `refusing to clear or store output ${inside.file}: it ${inside.problem}, so ${consequence} (${inside.hint})`,
      };
    paths.push(inside.path);
  }
  return { ok: true, paths };
}

function stepEnvironment(
  request: MaterializeRequest,
  files: { config: string; metrics: string; series: string; runDir: string },
) {
  const { project, asset, environment } = request;
  const base = request.baseEnv ?? process.env;
  let sources: ReadonlySet<string> | undefined;
  const secretSources = () => {
    sources ??= declaredSecrets(project);
    return sources;
  };
  const env = request.stepBaseEnv ? { ...request.stepBaseEnv } : stepBaseEnvironment(base, secretSources());
  const missingSecrets: string[] = [];
  for (const [name, value] of Object.entries(resolveEnv(project, asset, environment))) {
    if (typeof value === "object") {
      const secret = base[value.secret];
      // GitHub maps a secret that is not set, or withheld (a fork, prod's on a pull request), to "".
      if (!secret) missingSecrets.push(value.secret);
      else env[name] = secret;
    } else {
      env[name] = String(value);
    }
  }
  Object.assign(env, {
    KILN_ASSET: asset.name,
    KILN_ENV: environment,
    KILN_CONFIG: files.config,
    KILN_METRICS: files.metrics,
    KILN_SERIES: files.series,
    KILN_RUN_DIR: files.runDir,
    KILN_ROOT: project.root,
    ...stepHelperEnv(env),
  });
  // Every secret Kiln knows, not only the step's own: another asset's, or the action's token, may
  // reach the step by another way (a file a setup step wrote) and must not show in its log either.
  return {
    env,
    masker: request.knownSecrets ?? knownSecretsMasker(base, secretSources()),
    missingSecrets,
  };
}

/** Shows the step's newest series point while it runs; the epochs total comes from the config. */
function followProgress(
  request: MaterializeRequest,
  file: string,
  config: Record<string, unknown>,
  masker: SecretMasker,
) {
  const onProgress = request.onProgress;
  if (!onProgress) return undefined;
  const total = typeof config.epochs === "number" ? config.epochs : undefined;
  const primary = request.asset.metrics?.primary;
  return followSeries(
    file,
    (point) => onProgress(masker.mask(formatSeriesPoint(point, { total, primary }))),
    {
      intervalMs: request.progressIntervalMs,
    },
  );
}

/** The optional record fields, present only when there is something to say (older records match). */
function recordedWarnings(notFinite: Record<string, NotFinite>, warnings: string[]) {
  return {
    ...(Object.keys(notFinite).length > 0 ? { notFinite } : {}),
    ...(warnings.length > 0 ? { warnings } : {}),
  };
}

export async function materialize(request: MaterializeRequest): Promise<MaterializeOutcome> {
  const now = request.now ?? (() => new Date());
  const { project, asset } = request;
  let started = now();
  const runDir = path.join(
    request.runsDir,
    asset.name,
    `${compactTime(started)}-${process.pid}-${Math.random().toString(36).slice(2, 8)}`,
  );
  makeStateDirSync(runDir);
  // The config the logical version was computed from: the environment's, with any run-time
  // overrides of an experiment applied. Its file is shared by the asset's materializations of the
  // same config (config-file.ts), beside their run folders.
  const config = request.provenance.config;
  const files = {
    runDir,
    config: configFile(path.dirname(runDir), project.name, `${JSON.stringify(config, null, 2)}\n`),
    metrics: path.join(runDir, "metrics.json"),
    series: path.join(runDir, "series.jsonl"),
  };
  const logFile = path.join(runDir, "log.txt");

  // The masker hides the step's secrets in everything this materialization writes: the log and the
  // live lines (runStep), the progress line, and the record's text taken from the step (error,
  // log tail, metric and series names, warnings, check messages).
  const { env, masker, missingSecrets } = stepEnvironment(request, files);

  let attempts = 0;
  let waitedMs = 0;
  let checks: CheckResult[] = [];
  let metrics: Record<string, number> = {};
  let notFinite: Record<string, NotFinite> = {};
  let warnings: string[] = [];
  const fail = async (
    status: "failed" | "cancelled",
    error: string,
    tail: string[],
  ): Promise<MaterializeOutcome> => {
    const finished = now();
    const failure = await request.ledger.recordFailure({
      asset: asset.name,
      status,
      logicalVersion: request.logicalVersion,
      provenance: request.provenance,
      ...masker.maskDeep({
        error,
        logTail: tail,
        checks,
        metrics,
        ...recordedWarnings(notFinite, warnings),
      }),
      reasons: request.reasons,
      context: request.context,
      startedAt: started.toISOString(),
      finishedAt: finished.toISOString(),
      durationMs: finished.getTime() - started.getTime(),
      attempts,
    });
    return { status, failure, logFile, waitedMs };
  };

  if (missingSecrets.length > 0) {
    const base = request.baseEnv ?? process.env;
    // The generated workflow keeps prod's secrets out of pull requests (workflow/generate.ts).
    const pullRequest =
      inGitHubActions(base) && base.GITHUB_EVENT_NAME?.startsWith("pull_request")
        ? "; pull-request runs get no secret that only the prod environment's env names (and pull requests from forks get no secrets at all): a secret pull requests may use belongs in the asset's env"
        : "";
    return fail(
      "failed",
      `secret${missingSecrets.length > 1 ? "s" : ""} ${missingSecrets.join(", ")} not set: export ${missingSecrets[0]}=… locally, or add it under the repository's Actions secrets${pullRequest}`,
      [],
    );
  }

  const restored = await restoreOutputs(project.root, request.dependencies, request.stores);
  if (!restored.ok) return fail("failed", restored.error, []);

  const declared = await containedOutputs(project.root, asset.outputs, "the step did not run");
  if (!declared.ok) return fail("failed", declared.error, []);

  // Run, retrying a failed attempt (not a timeout after cancel) up to `retries` times.
  let tail: string[] = [];
  // What a step or a check command that ran past the asset's timeout is said to have done.
  const timedOut = `timed out after ${Math.round(asset.timeoutMs / 1000)} s`;
  for (;;) {
    attempts++;
    // A retry must not read what a failed attempt wrote; a first attempt has nothing to clear.
    if (attempts > 1)
      await Promise.all([rm(files.metrics, { force: true }), rm(files.series, { force: true })]);
    const follower = followProgress(request, files.series, config, masker);
    const result = await runStep({
      command: asset.run,
      cwd: project.root,
      env,
      timeoutMs: asset.timeoutMs,
      logFile,
      heading: attempts > 1 ? `kiln: attempt ${attempts} of ${asset.retries + 1}` : undefined,
      onLine: (line) => {
        request.onLine?.(line);
        void follower?.check();
      },
      signal: request.signal,
      masker,
      lane: request.stepLane,
      onStart: request.onStepStart,
      // The outputs are the step's to write, as `dvc repro` removes a stage's outs: bytes an
      // earlier failed run (or a killed pull) left there are never versioned as this run's, and a
      // step that writes nothing fails as "did not write its declared output". They are removed
      // when the step gets its turn, so a step cancelled while it waits leaves them in place.
      clear: declared.paths,
    });
    follower?.stop();
    tail = result.tail;
    if (attempts === 1) {
      // Prepared ahead while other steps ran: the time it waited for a turn is not its own.
      waitedMs = result.waitedMs;
      started = new Date(started.getTime() + waitedMs);
      if (result.cancelled && !result.started) return { status: "not-started", waitedMs };
      // Never ran: nothing is recorded, so the next run runs it as if this one had not tried.
      if (result.notStarted) return { status: "not-started", reason: result.notStarted, waitedMs };
    }
    if (result.notStarted)
      return fail("failed", `\`${asset.run}\` was not retried: ${result.notStarted}`, tail);
    if (result.cancelled) return fail("cancelled", "cancelled", tail);
    if (result.clearError)
      return fail("failed", `could not clear the outputs before the step: ${result.clearError}`, tail);
    // The disk is full or the log unwritable: a retry would fail the same way.
    if (result.logError) return fail("failed", result.logError, tail);
    if (result.code === 0 && !result.timedOut) break;
    const why = result.timedOut
      ? timedOut
      : result.runnerError
        ? `failed: ${result.runnerError}`
        : result.signal
          ? `killed by ${result.signal}`
          : `exited with code ${result.code}`;
    if (attempts > asset.retries) return fail("failed", `\`${asset.run}\` ${why}`, tail);
  }

  const readMetricsResult = await readMetrics(asset.name, files.metrics);
  if (!readMetricsResult.ok) return fail("failed", readMetricsResult.error, tail);
  // A metric or series named by a secret (an accident, but it happens) is recorded masked, and
  // checks and promotion see the same names the record keeps.
  metrics = masker.maskDeep(readMetricsResult.value.values);
  notFinite = masker.maskDeep(readMetricsResult.value.notFinite);
  // The series is streamed: each point masked, written as the ledger keeps it and downsampled for
  // charts, so a curve of any length is recorded in bounded memory.
  const seriesWriter = new SeriesFileWriter(path.join(runDir, "series.recorded.jsonl"));
  const preview = new SeriesPreview();
  let readSeriesResult: Awaited<ReturnType<typeof streamSeries>>;
  try {
    readSeriesResult = await streamSeries(asset.name, files.series, (point) => {
      const masked = masker.maskDeep(point);
      seriesWriter.add(masked);
      preview.add(masked);
    });
  } catch (error) {
    seriesWriter.abandon();
    throw error;
  }
  if (!readSeriesResult.ok) {
    seriesWriter.abandon();
    return fail("failed", readSeriesResult.error, tail);
  }
  const seriesSource = seriesWriter.close();
  warnings = masker.maskDeep([...readMetricsResult.value.warnings, ...readSeriesResult.value.warnings]);

  const stillInside = await containedOutputs(project.root, asset.outputs, "nothing was stored or recorded");
  if (!stillInside.ok) return fail("failed", stillInside.error, tail);
  const outputs: Record<string, OutputRecord> = {};
  const missing: string[] = [];
  const links: string[] = [];
  for (const output of asset.outputs) {
    const found = await outputFiles(project.root, output);
    // A folder with no file in it (what `mkdir -p` leaves) is as unwritten as a missing file:
    // versioning it would record a version with no bytes, and restore nothing.
    if (found === undefined) missing.push(output);
    else if (found.files.length === 0 && found.links.length === 0)
      missing.push(`${output} (an empty folder)`);
    else {
      links.push(...found.links);
      for (const file of found.files) outputs[file] = { blob: "", size: 0 };
    }
  }
  if (links.length > 0) {
    return fail(
      "failed",
      `the step left symbolic link${links.length > 1 ? "s" : ""} in its output folder, which Kiln cannot store (a version is the bytes of its files; a restored folder would lack ${links.length > 1 ? "them" : "it"}): ${links.join(", ")}; write the file itself there, or copy it (cp -L) instead of linking`,
      tail,
    );
  }
  if (missing.length > 0) {
    return fail(
      "failed",
      `the step succeeded but did not write its declared output${missing.length > 1 ? "s" : ""} ${missing.join(", ")}`,
      tail,
    );
  }

  // An output check's message can quote the output file (a JSON Schema mismatch): masked too.
  checks = masker.maskDeep(
    await runChecks(asset.checks, {
      root: project.root,
      metrics,
      notFinite,
      runCommand: async (command) => {
        const result = await runStep({
          command,
          cwd: project.root,
          env,
          timeoutMs: asset.timeoutMs,
          logFile,
          masker,
          signal: request.signal,
          lane: request.stepLane,
          onStart: request.onStepStart,
        });
        const code = result.code ?? 1;
        const stopped = result.logError ?? result.runnerError ?? result.notStarted;
        if (stopped) return { code, tail: stopped, stopped };
        if (result.timedOut) return { code, tail: timedOut, stopped: timedOut };
        return { code, tail: result.tail.slice(-3).join(" / ") };
      },
    }),
  );
  // A check command stopped by a cancelled run says nothing about the version: neither a failed
  // check (a handled failure, an alert) nor a version recorded with it.
  if (request.signal?.aborted) return fail("cancelled", "cancelled", tail);
  const blocking = blockingFailures(checks);
  if (blocking.length > 0) {
    return fail(
      "failed",
      `blocking check failed: ${blocking.map((c) => `${c.name} (${c.message})`).join("; ")}`,
      tail,
    );
  }

  // Store first, record second: a record never points at bytes the store does not have.
  // The bytes go to the local store, then to every backend the asset's `store` names (cache,
  // artifact, release) before the record exists: a failed write (a full disk, a failed upload)
  // leaves a failure record with the step's tail, never a record whose bytes are nowhere, so the
  // next run builds the version again. Names carry the number the record is expected to get;
  // the record lists the exact locations, so a concurrent writer taking that number first
  // misleads no reader.
  let data: string;
  let locations: StoreLocation[];
  try {
    for (const file of Object.keys(outputs)) {
      const stored = await request.stores.putOutput(project.root, file);
      outputs[file] = { blob: stored.blob, size: stored.size };
    }
    data = dataVersion(outputs);
    locations = [{ kind: "local", ref: request.stores.local.description }];
    // An asset without outputs has nothing to publish (StoreChain.save keeps no bytes for it): its
    // expected number, a read of its heads, is asked for only when there are bytes to name.
    if (Object.keys(outputs).length > 0) {
      // The newest listed version, as planning saw it (the run's view keeps it): not every head read.
      const expected = ((await headLogOf(request.ledger, asset.name)).versions.at(-1) ?? 0) + 1;
      locations.push(
        ...(await request.stores.save(
          { asset: asset.name, version: expected, dataVersion: data, outputs, locations: [] },
          project.root,
          asset.store,
          // A cache entry an artifact or a release backs up: its failure is the record's warning.
          { warn: (message) => warnings.push(...masker.maskDeep([message])) },
        )),
      );
    }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return fail("failed", `the outputs could not be stored, so no version was recorded: ${message}`, tail);
  }
  // The verdict at the time of writing goes into the record for reports; the alias history, moved
  // below by compare-and-swap, stays the truth when a concurrent run promoted in between.
  // A damaged alias history decides nothing: the version is recorded with the reason, and the
  // asset fails below with the file to repair, rather than be compared with a wrong champion.
  // A run that may not promote (a pull request, a dev branch) never moves the alias: it reads
  // the holder only to compare with, and a damaged history is not its failure.
  // A run that may promote compares with the holder as it is now: the run read the alias history
  // before the step, which may have trained for hours while someone rolled the alias back.
  if (asset.promote && !request.promotionBlocker) request.ledger.refreshAliases?.(asset.name);
  const read = asset.promote
    ? await currentHolder(request.ledger, asset.name, asset.promote.alias)
    : undefined;
  const holder = request.promotionBlocker && read?.ok === false ? undefined : read;
  const verdict = asset.promote
    ? decidePromotion({
        spec: asset.promote,
        metrics,
        notFinite,
        checks,
        holder: holder?.ok ? holder.holder : undefined,
        notAllowed: holder?.ok === false ? holder.error : request.promotionBlocker,
      })
    : undefined;
  const finished = now();
  crashPoint("after-store");
  const record = await request.ledger.recordMaterialization({
    asset: asset.name,
    status: "success",
    logicalVersion: request.logicalVersion,
    dataVersion: data,
    provenance: request.provenance,
    outputs,
    locations,
    metrics,
    series: [],
    seriesSource,
    ...(seriesSource.points > 0 ? { seriesPreview: preview.preview() } : {}),
    checks,
    ...recordedWarnings(notFinite, warnings),
    reasons: request.reasons,
    promotion: verdict,
    context: request.context,
    startedAt: started.toISOString(),
    finishedAt: finished.toISOString(),
    durationMs: finished.getTime() - started.getTime(),
    attempts,
  });
  crashPoint("after-record");
  try {
    if (holder?.ok === false) throw new LedgerDamaged(`v${record.version} was recorded, but ${holder.error}`);
    const promotion =
      asset.promote && verdict
        ? await promoteIfBetter({
            ledger: request.ledger,
            spec: asset.promote,
            record,
            verdict,
            blocker: request.promotionBlocker,
            by: request.context.actor ?? "kiln",
            run: request.context.runUrl ?? request.context.runId,
            at: now(),
          })
        : undefined;
    return { status: "success", record, promotion, logFile, waitedMs };
  } catch (error) {
    throw new AfterRecordError(record, error);
  }
}

/**
 * An error once the version was recorded (promotion could not decide or move the alias): the
 * asset fails with the error's message, but no failure record is written, since the version exists
 * and the next run completes or reports what is left (promote.ts).
 */
export class AfterRecordError extends Error {
  constructor(
    readonly record: MaterializationRecord,
    cause: unknown,
  ) {
    super(cause instanceof Error ? cause.message : String(cause), { cause });
    this.name = "AfterRecordError";
  }
}
