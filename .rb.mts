import { runPipeline } from "./src/app/pipeline.ts";
import { buildRunReport, pipelineFacts, writeRunReport } from "./src/app/run-report.ts";
import { renderReport } from "./src/report/index.ts";
import { keepReport } from "./src/app/report-history.ts";
import { openLocalWorkspace, recordingReporter } from "./test/support/engine-run.ts";
const dir = process.argv[2];
const workspace = await openLocalWorkspace(dir, { env: { ...process.env, CI: "true" } });
const outcome = await runPipeline({ workspace, selection: [], force: false, jobs: 1, tick: { event: "local", now: new Date() }, reporter: recordingReporter().reporter, env: { ...process.env }, restoreFresh: true });
if (!outcome.ok) throw new Error(outcome.error);
const cpu = (f) => async () => { const s = process.cpuUsage(); const r = await f(); const c = process.cpuUsage(s); return [(c.user + c.system) / 1000, r]; };
for (let i = 0; i < Number(process.env.ITER ?? 6); i++) {
  const [b, report] = await cpu(() => buildRunReport({ ...workspace, ledger: outcome.result.ledger }, pipelineFacts(outcome.result), {}))();
  const [r, md] = await cpu(() => renderReport(report, { format: "md", budget: "none" }))();
  const [j] = await cpu(() => JSON.stringify(report))();
  const [k] = await cpu(() => keepReport(workspace.reportsDir, report, md))();
  console.log(`build ${b.toFixed(1)} render ${r.toFixed(1)} json ${j.toFixed(1)} keep ${k.toFixed(1)} md ${md.length}`);
}
