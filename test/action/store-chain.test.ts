// Where bytes live on GitHub and how they come back, played job by job through the bundled action
// against the stand-ins: caches scoped by ref and evictable, artifacts, release assets, a ledger
// on the bare remote's kiln-ledger branch. The cases build on each other, like a repository's life.
import { describe, expect, it } from "vitest";
import { pipelineFiles, Rig } from "../e2e/rig.js";
import { createRemote, git, pushChange, REPOSITORY, type RunEvent, TOKEN } from "./runner.js";
import { describeJob, ledgerBranchFiles, pullRequestEvent, pushEvent, scenario } from "./scenario.js";

const ASSETS = [
  { name: "data", deps: [] },
  { name: "features", deps: ["data"] },
  { name: "model", deps: ["features"] },
  { name: "report", deps: ["model"] },
];
const SLOW = 600_000;

const world = scenario("bundle");
const { bare, work } = createRemote(files(50));

interface Recorded {
  version: number;
  dataVersion: string;
  provenance: { deps: Record<string, string> };
  locations: Array<{ kind: string; ref: string; id?: number; runId?: string; url?: string }>;
}

function ledgerFiles(): string[] {
  return ledgerBranchFiles(bare);
}

/** Paths end the same whatever namespace the ledger puts them under. */
function versions(asset: string): number[] {
  return ledgerFiles()
    .map((f) => new RegExp(`(?:^|/)materializations/${asset}/v(\\d+)\\.json$`).exec(f)?.[1])
    .filter((v) => v !== undefined)
    .map(Number)
    .sort((a, b) => a - b);
}

function record(asset: string, version: number): Recorded {
  const file = ledgerFiles().find((f) => f.endsWith(`materializations/${asset}/v${version}.json`));
  if (!file) throw new Error(`no record ${asset} v${version} in ${ledgerFiles().join(", ")}`);
  return JSON.parse(git(bare, "show", `kiln-ledger:${file}`)) as Recorded;
}

/** The release tag a record names: its release location, less the asset's name. */
function tagOf(recorded: Recorded): string {
  const ref = recorded.locations.find((l) => l.kind === "release")?.ref;
  if (!ref) throw new Error(`v${recorded.version} names no release`);
  return ref.slice(0, ref.lastIndexOf("/"));
}

function failures(asset: string): string[] {
  return ledgerFiles().filter((f) => new RegExp(`(?:^|/)failures/${asset}/`).test(f));
}

function files(quality: number): Record<string, string> {
  const all = pipelineFiles({ quality });
  // The model keeps its versions for good, as release assets.
  // Named, so a clone in any folder reads the same ledger namespace.
  all["kiln.yml"] = all["kiln.yml"]!.replace("version: 1\n", "version: 1\nname: pipeline\n").replace(
    "    promote: { min-delta: 1 }\n",
    "    promote: { min-delta: 1 }\n    store: release\n",
  );
  return all;
}

const run = (event: RunEvent) => world.play({ bare, event });

describe("the store chain on GitHub", () => {
  it(
    "records every location of a version, and tags its release at the commit that built it",
    async () => {
      const first = await run(pushEvent(bare));
      for (const { name } of ASSETS) expect(first.jobs[name]?.code, describeJob(first.jobs[name])).toBe(0);
      const model = record("model", 1);
      expect(model.locations.map((l) => l.kind).sort()).toEqual(["artifact", "cache", "local", "release"]);
      const artifact = model.locations.find((l) => l.kind === "artifact")!;
      expect(artifact).toMatchObject({
        ref: `kiln-model-v1@${world.lastRunId}`,
        runId: String(world.lastRunId),
      });
      expect(world.standIns.results.artifacts.find((a) => a.id === artifact.id)?.name).toBe("kiln-model-v1");
      expect(tagOf(model)).toMatch(/^kiln\/[a-z][a-z0-9_-]*\/model\/v1-[0-9a-f]{12}$/);
      const release = world.standIns.github.releases.find((r) => r.tagName === tagOf(model));
      expect(release?.targetCommitish).toBe(git(bare, "rev-parse", "main").trim());
      expect(release?.assets.map((a) => a.name)).toEqual(["build__model.json"]);
      const modelFile = model.locations.find((l) => l.kind === "release")?.url;
      expect(modelFile).toContain("/_downloads/");
      // The report links the model file.
      expect(first.report.summary).toContain(`(${modelFile})`);
      expect(world.standIns.github.violations).toEqual([]);
    },
    SLOW,
  );

  it(
    "publishes nothing public from a pull request, and keeps its caches on the merge ref",
    async () => {
      pushChange(work, "double", {
        "steps/features.sh": `awk -F, '{ for (i = 1; i <= NF; i++) s += $i } END { printf "%d", 2 * s }' build/data.txt > build/features.txt
`,
      });
      const pr = await run(pullRequestEvent(bare, 11, "double"));
      expect(pr.plan).toMatchObject({ data: "skip", features: "run", model: "run", report: "run" });
      for (const name of ["features", "model", "report"])
        expect(pr.jobs[name]?.code, describeJob(pr.jobs[name])).toBe(0);
      expect(versions("features")).toEqual([1, 2]);
      expect(versions("model")).toEqual([1, 2]);
      // An artifact is fine (it belongs to the run); a release would be public.
      expect(world.standIns.github.releases.map((r) => r.tagName)).toEqual([tagOf(record("model", 1))]);
      expect(world.standIns.results.artifacts.map((a) => a.name)).toContain("kiln-model-v2");
      expect(record("model", 2).locations.map((l) => l.kind)).not.toContain("release");
      const key = record("features", 2).locations.find((l) => l.kind === "cache")!.ref;
      expect(world.standIns.results.caches.find((c) => c.key === key)?.scope).toBe("refs/pull/11/merge");
    },
    SLOW,
  );

  it(
    "restores exactly the dependency version main's plan chose, not the pull request's newer one",
    async () => {
      const features = record("features", 1);
      pushChange(work, "main", { "kiln.yml": files(40)["kiln.yml"]! });
      const main = await run(pushEvent(bare));
      expect(main.plan).toMatchObject({ data: "skip", features: "skip", model: "run", report: "run" });
      expect(main.jobs.model?.code, describeJob(main.jobs.model)).toBe(0);
      expect(main.jobs.report?.code, describeJob(main.jobs.report)).toBe(0);
      const model = record("model", 3);
      expect(model.provenance.deps.features).toBe(features.dataVersion);
      const bytes = world.standIns.github.releases
        .find((r) => r.tagName === tagOf(model))
        ?.assets[0]?.data.toString("utf8");
      expect(JSON.parse(bytes ?? "{}")).toEqual({ sum: 6, quality: 40 });
    },
    SLOW,
  );

  it(
    "after every cache entry was evicted, rebuilds cache-only assets (outputs lost) and reads the model from its artifact",
    async () => {
      expect(world.standIns.results.evictCaches().length).toBeGreaterThan(0);
      pushChange(work, "main", {
        "steps/report.sh": `# v2 of the report
printf 'model: ' > build/report.txt
cat build/model.json >> build/report.txt
`,
      });
      const before = versions("model");
      const main = await run(pushEvent(bare));
      expect(main.planJob.summary).toContain("outputs lost");
      expect(main.plan).toMatchObject({ data: "run", features: "run", report: "run" });
      for (const [name, job] of Object.entries(main.jobs))
        expect(job.code, `${name}: ${describeJob(job)}`).toBe(0);
      // The cache-only assets were really rebuilt (their bytes were nowhere)…
      expect(versions("data")).toEqual([1, 2]);
      expect(versions("features")).toEqual([1, 2, 3]);
      // …with the same bytes, so the model stays at its version (early cutoff).
      expect(versions("model")).toEqual(before);
      expect(main.jobs.report?.stdout).not.toContain("is in no store");
      expect(versions("report").length).toBeGreaterThanOrEqual(3);
    },
    SLOW,
  );

  // One model version serves both stores' failures. The cache refuses every save from the start,
  // so the run whose upload fails leaves no cache entry behind either, and the run that selects
  // the model again (a dispatch) meets the refusal with a version that is new to the cache. A push
  // of its own for the cache's refusal cost a run of four jobs.
  it(
    "records nothing when the upload fails and builds the version again when selected; a cache that refuses every save leaves that model, kept in its artifact and release, recorded with the cache's failure as a warning in its log and the report, while a cache-only asset fails",
    async () => {
      const before = versions("model");
      const failedBefore = failures("model").length;
      world.standIns.results.refuseCacheWrites = true;
      try {
        world.standIns.github.readOnlyTokens.add(TOKEN);
        pushChange(work, "main", { "kiln.yml": files(30)["kiln.yml"]! });
        let main: Awaited<ReturnType<typeof run>>;
        try {
          main = await run(pushEvent(bare));
        } finally {
          world.standIns.github.readOnlyTokens.delete(TOKEN);
        }
        expect(main.plan.model).toBe("run");
        expect(main.jobs.model?.code).not.toBe(0);
        // The release's upload is what failed (the cache's refusal alone would be a warning).
        expect(main.jobs.model?.stdout, describeJob(main.jobs.model)).toContain(
          "could not be stored, so no version was recorded: could not publish model v",
        );
        expect(versions("model")).toEqual(before);
        expect(failures("model").length).toBe(failedBefore + 1);

        // Selecting it (a dispatch of model and its dependant) runs it again; a plain push would
        // leave the handled failure alone until something it depends on changes.
        const again = await run({
          name: "workflow_dispatch",
          branch: "main",
          ref: "refs/heads/main",
          refName: "main",
          payload: { ref: "refs/heads/main", inputs: { assets: "model+" } },
          inputs: { assets: "model+" },
        });
        expect(again.plan.model).toBe("run");
        expect(again.jobs.model?.code, describeJob(again.jobs.model)).toBe(0);
        const next = Math.max(...before) + 1;
        expect(versions("model")).toEqual([...before, next]);
        expect(world.standIns.github.releases.some((r) => r.tagName === tagOf(record("model", next)))).toBe(
          true,
        );
        const model = record("model", next) as Recorded & { warnings?: string[] };
        expect(model.locations.map((l) => l.kind).sort()).toEqual(["artifact", "local", "release"]);
        const warning = "could not save model's outputs to the Actions cache";
        expect(model.warnings).toEqual([expect.stringContaining(warning)]);
        expect(again.jobs.model?.stdout).toMatch(new RegExp(`::warning::model v${next}: ${warning}`));
        // The `report` asset read the model from this run's artifact; its own outputs go to the
        // cache alone (`store: cache`), so for it the refusal stays a failure.
        expect(again.jobs.report?.code).not.toBe(0);
        expect(again.jobs.report?.stdout).toContain("Starting download of artifact to: ");
        expect(again.jobs.report?.stdout).toContain(
          "the outputs could not be stored, so no version was recorded: could not save report's outputs to the Actions cache",
        );
        // The run's report shows the model's warning.
        expect(again.report.code, describeJob(again.report)).toBe(0);
        expect(again.report.summary).toContain("outputs to the Actions cache (key kiln-model-");
        expect(again.report.summary).toMatch(
          /the version is kept in the artifacts of acme\/pipeline and the releases/,
        );
      } finally {
        world.standIns.results.refuseCacheWrites = false;
      }
    },
    SLOW,
  );

  it(
    "`kiln pull model@champion` in a fresh clone downloads the champion from its artifact, or its release",
    async () => {
      const champion = versions("model").at(-1)!;
      const expected = world.standIns.github.releases
        .find((r) => r.tagName === tagOf(record("model", champion)))
        ?.assets[0]?.data.toString("utf8");
      expect(expected).toBeDefined();
      const rig = new Rig();
      rig.git("remote", "add", "origin", bare);
      rig.git("fetch", "-q", "origin");
      rig.git("checkout", "-q", "-f", "-B", "main", "origin/main");
      const env = {
        GITHUB_TOKEN: TOKEN,
        GITHUB_API_URL: world.standIns.github.url,
        GITHUB_REPOSITORY: REPOSITORY,
        ACTIONS_RUNTIME_TOKEN: "",
        ACTIONS_RESULTS_URL: "",
      };
      const pulled = await (await rig.start(["pull", "model@champion", "--ledger", "branch"], env)).result;
      expect(pulled.code, pulled.stdout + pulled.stderr).toBe(0);
      expect(pulled.stdout).toContain(`model v${champion}`);
      expect(pulled.stdout).toContain("artifacts of acme/pipeline");
      expect(rig.read("build/model.json")).toBe(expected);

      // Artifacts expire; the release stays.
      world.standIns.results.artifacts.splice(0);
      rig.git("clean", "-q", "-fdx");
      const again = await (await rig.start(["pull", "model@champion", "--ledger", "branch"], env)).result;
      expect(again.code, again.stdout + again.stderr).toBe(0);
      expect(again.stdout).toContain("releases of acme/pipeline");
      expect(rig.read("build/model.json")).toBe(expected);
      expect(world.standIns.github.violations).toEqual([]);
    },
    SLOW,
  );
});
