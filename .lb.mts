// CPU of status's ledger reads for 2,000 assets, in-process: headLog + newest head + recordIntact.
import path from "node:path";
const src = process.env.SRC ?? "/work/wt-16l/src";
const { LocalLedger } = await import(`${src}/ledger/local.ts`);
const { CheckedRecords } = await import(`${src}/ledger/checked-records.ts`);
const memoMod = await import(`${src}/ledger/read-memo.ts`).catch(() => undefined);
const root = process.argv[2];
const kiln = path.join(root, ".kiln");
const names = Array.from({ length: 2000 }, (_, a) => `a${a}`);
async function once() {
  const ledger = new LocalLedger(path.join(kiln, "ledger/projects/bench"), {
    checked: new CheckedRecords(kiln, "bench"),
    memo: memoMod && process.env.NOMEMO === undefined ? new memoMod.LedgerReadMemo(kiln, "bench") : undefined,
  });
  const start = process.cpuUsage(); const w = performance.now();
  await Promise.all(names.map(async (n) => {
    const log = await ledger.headLog(n);
    const v = log.versions.at(-1);
    const head = await log.head(v);
    if (!head || !(await ledger.recordIntact(n, head.version))) throw new Error(n);
  }));
  const c = process.cpuUsage(start);
  await new Promise((r) => setImmediate(r));
  return [(c.user + c.system) / 1000, performance.now() - w];
}
const res = [];
for (let i = 0; i < 9; i++) res.push(await once());
res.sort((a, b) => a[0] - b[0]);
console.log(process.argv[2].split("/").pop(), "cpu median", res[4][0].toFixed(1), "min", res[0][0].toFixed(1), "wall median", res.map(r=>r[1]).sort((a,b)=>a-b)[4].toFixed(1));
