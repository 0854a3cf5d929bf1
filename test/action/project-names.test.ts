// The action loads one manifest, as `kiln run --manifest` does, and stops the same way when
// another manifest of the repository has its project's name: the two would share a namespace of
// the ledger branch, each reading the other's records.
import { expect, it } from "vitest";
import { readInputs } from "../../src/action/inputs.js";
import { materializeAction } from "../../src/action/materialize.js";
import { jobEnv, recordingIO } from "../support/action-io.js";
import { engineRepo } from "../support/engine-run.js";

const manifest = 'version: 1\nassets:\n  model:\n    code-version: "1"\n    run: "true"\n';

it("the action fails on a manifest whose project name another manifest has, before it opens the ledger", async () => {
  const dir = engineRepo(manifest, { "ml/fraud/kiln.yml": manifest, "ml-fraud/kiln.yml": manifest });
  const { io, logs } = recordingIO(
    dir,
    jobEnv(dir, { event: "push", ref: "refs/heads/main", refName: "main" }),
  );
  const given: Record<string, string> = { command: "run", manifest: "ml-fraud/kiln.yml" };
  const read = readInputs((name) => given[name] ?? "");
  if (!read.ok) throw new Error(read.error);
  await expect(materializeAction(io, read.inputs)).rejects.toThrow(
    "ml-fraud/kiln.yml has 1 problem(s); see the annotations",
  );
  expect(logs).toContain(
    'project "ml-fraud" (named after its folder) has the name of the project in ml/fraud/kiln.yml; projects of one repository share the ledger and the workflows folder, so their names must differ (give it a name: of its own (name: ml-fraud-2))',
  );
});
