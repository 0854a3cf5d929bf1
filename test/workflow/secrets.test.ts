// Which secrets a generated workflow hands to which run: the prod environment's secrets never reach
// a pull-request run, and in a layer job (several assets, one matrix leg each) each asset's step
// gets only the secrets its own env names. Played with GitHub's expression engine: the env each
// Kiln step would receive is evaluated, not read off the YAML.
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { parseManifest } from "../../src/manifest/load.js";
import type { Project } from "../../src/manifest/project.js";
import { generateWorkflowFile } from "../../src/workflow/generate.js";
import { layerChunks, matrixEntry } from "../../src/workflow/layers.js";
import { playWorkflow, workflowErrors } from "../support/workflow-play.js";

function project(source: string): Project {
  const result = parseManifest(source, { manifestPath: "/repo/kiln.yml", displayName: "kiln.yml" });
  if (!result.ok) throw new Error(result.error.map((d) => d.message).join("\n"));
  return result.value.project;
}

const MANIFEST = `version: 1
setup:
  - run: pip install -r requirements.txt
assets:
  data:
    code-version: "1"
    run: python ingest.py
    env: { WAREHOUSE_PASSWORD: { secret: WAREHOUSE_PASSWORD } }
  labels:
    code-version: "1"
    run: python labels.py
    env: { LABELER_KEY: { secret: LABELER_KEY } }
  model:
    deps: [data, labels]
    code-version: "1"
    run: python train.py
    env: { HF_TOKEN: { secret: HF_TOKEN } }
alerts:
  slack: { webhook-secret: SLACK_WEBHOOK_URL }
environments:
  prod:
    branches: [main]
    env: { REGISTRY_TOKEN: { secret: PROD_REGISTRY_TOKEN } }
  dev:
    env: { REGISTRY_TOKEN: { secret: DEV_REGISTRY_TOKEN } }
`;

const SECRETS = {
  WAREHOUSE_PASSWORD: "warehouse-pw",
  LABELER_KEY: "labeler-key",
  HF_TOKEN: "hf-token",
  PROD_REGISTRY_TOKEN: "prod-registry",
  DEV_REGISTRY_TOKEN: "dev-registry",
};

/** The secret values each asset's Kiln step receives in a run of `event`, by asset. */
async function secretsSeen(text: string, event: "push" | "pull_request"): Promise<Record<string, string[]>> {
  expect(await workflowErrors("kiln.yml", text)).toEqual([]);
  const p = project(MANIFEST);
  const layers = Object.fromEntries(
    layerChunks(p).map((chunk) => [
      chunk.output,
      JSON.stringify(chunk.assets.map((name) => matrixEntry(p.assets.get(name)!, false))),
    ]),
  );
  const seen: Record<string, string[]> = {};
  await playWorkflow({
    workflow: text,
    github:
      event === "push"
        ? { event_name: "push", ref: "refs/heads/main", workflow: "Kiln" }
        : { event_name: "pull_request", ref: "refs/pull/7/merge", base_ref: "main", workflow: "Kiln" },
    secrets: SECRETS,
    runStep: (_job, step, _matrix, env) => {
      if (step.with.command === "plan")
        return {
          ok: true,
          outputs: {
            plan: JSON.stringify({ data: "run", labels: "run", model: "run" }),
            force: "[]",
            ...layers,
          },
        };
      if (step.with.command === "materialize") {
        const values = new Set(Object.values(SECRETS));
        seen[step.with.asset!] = Object.values(env ?? {})
          .filter((v) => values.has(v))
          .sort();
      }
      return { ok: true, outputs: {} };
    },
  });
  return seen;
}

const shapes = [
  ["one job per asset", 1000],
  ["layer jobs", 0],
] as const;

describe.each(shapes)("secrets in a workflow with %s", (_shape, layerThreshold) => {
  const generated = generateWorkflowFile(project(MANIFEST), { manifestPath: "kiln.yml", layerThreshold });
  if (!generated.ok) throw new Error(generated.error);
  const text = generated.text;

  it("a push to main gives each asset its own secrets and prod's", async () => {
    expect(await secretsSeen(text, "push")).toEqual({
      data: ["prod-registry", "warehouse-pw", "dev-registry"].sort(),
      labels: ["dev-registry", "labeler-key", "prod-registry"],
      model: ["dev-registry", "hf-token", "prod-registry"],
    });
  });

  it("a pull request gets no secret of the prod environment", async () => {
    expect(await secretsSeen(text, "pull_request")).toEqual({
      data: ["dev-registry", "warehouse-pw"],
      labels: ["dev-registry", "labeler-key"],
      model: ["dev-registry", "hf-token"],
    });
  });

  it("secrets are given to Kiln's step only, not to checkout or the manifest's setup steps", () => {
    const workflow = parseYaml(text) as {
      jobs: Record<string, { env?: unknown; steps: { env?: unknown; uses?: string }[] }>;
    };
    for (const [id, job] of Object.entries(workflow.jobs)) {
      expect(JSON.stringify(job.env ?? {}), id).not.toContain("secrets.");
      for (const step of job.steps)
        if (!step.uses?.startsWith("kiln-ml/"))
          expect(JSON.stringify(step.env ?? {}), id).not.toContain("secrets.");
    }
  });
});
