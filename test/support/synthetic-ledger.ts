// A synthetic project with a large local ledger, written straight to disk in the ledger's layout
// (recording 300,000 versions through the ledger's fsynced claim loop would take minutes), completed
// blocks packed as Kiln packs them. Used by
// the site's browser test (small) and by bench/site.ts (300 assets × 1,000 versions).
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { headLine, separateSeries } from "../../src/ledger/heads.js";
import {
  aliasPath,
  failurePath,
  headsPath,
  materializationPath,
  projectDir,
} from "../../src/ledger/layout.js";
import {
  blockOf,
  buildPacks,
  completedBlocks,
  type LooseRecord,
  PACK_VERSIONS,
  recordPackPath,
  seriesPackPath,
} from "../../src/ledger/packs.js";
import { type AliasEvent, type MaterializationRecord, RECORD_SCHEMA } from "../../src/domain/records.js";

export interface SyntheticOptions {
  assets: number;
  versions: number;
  /** Epochs of the per-epoch series of each version. */
  epochs?: number;
  dir?: string;
  /**
   * Completed blocks of 100 versions packed, as Kiln's own writes leave them (src/ledger/packs.ts);
   * default true. False writes every version loose, as a ledger from before packs holds them.
   */
  packed?: boolean;
}

export interface Synthetic {
  root: string;
  manifest: string;
  names: string[];
}

const HOUR = 3_600_000;

/** A deterministic pseudo-random stream, so every run writes the same ledger. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export function syntheticName(i: number): string {
  return `asset-${String(i).padStart(3, "0")}`;
}

export function writeSyntheticProject(options: SyntheticOptions): Synthetic {
  const root = options.dir ?? mkdtempSync(path.join(os.tmpdir(), "kiln-synthetic-"));
  const epochs = options.epochs ?? 20;
  const packed = options.packed ?? true;
  const names = Array.from({ length: options.assets }, (_, i) => syntheticName(i));
  const manifest = [
    "version: 1",
    "name: synthetic",
    "assets:",
    ...names.flatMap((name, i) => [
      `  ${name}:`,
      `    description: Synthetic asset ${i}`,
      // A layered graph: each asset reads one or two earlier ones.
      ...(i === 0
        ? []
        : [
            `    deps: [${[...new Set([names[i - 1], names[Math.floor(i / 2)]])].filter((d) => d !== name).join(", ")}]`,
          ]),
      `    run: "true"`,
      `    outputs: [build/${name}.json]`,
      `    config: { learning_rate: 0.1, depth: ${(i % 5) + 2} }`,
      "    metrics: { primary: loss, direction: minimize, directions: { accuracy: maximize } }",
      "    promote: { alias: champion, min-delta: 0.001 }",
      ...(i % 10 === 0 ? [`    automation: { on_cron: "17 3 * * *", tz: Europe/Berlin }`] : []),
    ]),
    "environments:",
    "  prod: { branches: [main] }",
    "",
  ].join("\n");
  writeFileSync(path.join(root, "kiln.yml"), manifest);
  const ledger = path.join(root, ".kiln", "ledger", projectDir("synthetic"));
  const start = Date.UTC(2026, 0, 1);
  names.forEach((name, a) => {
    const rand = random(a + 1);
    mkdirSync(path.join(ledger, "materializations", name), { recursive: true });
    mkdirSync(path.join(ledger, "failures", name), { recursive: true });
    mkdirSync(path.join(ledger, "aliases"), { recursive: true });
    const aliases: AliasEvent[] = [];
    let champion: { version: number; loss: number } | undefined;
    const heads: string[] = [];
    const block: LooseRecord[] = [];
    const blockSeries = new Map<string, string>();
    for (let v = 1; v <= options.versions; v++) {
      const at = start + (v * 6 + a) * HOUR;
      const prod = v % 4 !== 0;
      const loss = 1 / (1 + v / 50) + rand() * 0.05;
      const series = Array.from({ length: epochs }, (_, e) => ({
        step: e + 1,
        train_loss: loss * (1 + 3 / (e + 1)),
        val_loss: loss * (1 + 3.5 / (e + 1)) + rand() * 0.01,
      }));
      const deps: Record<string, string> = {};
      if (a > 0) deps[names[a - 1]!] = `data-${a - 1}-${Math.max(1, v - 1)}`;
      const record: MaterializationRecord = {
        schema: RECORD_SCHEMA,
        asset: name,
        version: v,
        status: "success",
        logicalVersion: `logical-${a}-${v}`,
        dataVersion: `data-${a}-${v}`,
        provenance: {
          codeVersion: `code-${a}-${Math.floor(v / 10)}`,
          code: { [`pipelines/${name}.py`]: `blob-${a}-${Math.floor(v / 10)}` },
          runHash: "run",
          config: { learning_rate: 0.1, depth: (v % 5) + 2 },
          env: {},
          inputs: { [`data/${name}.csv`]: `blob-in-${a}-${v}` },
          deps,
          // As Kiln records them today: the declared outputs are part of the version (records
          // without them are read the slow, pre-outputs way by status).
          outputs: [`build/${name}.json`],
        },
        outputs: { [`build/${name}.json`]: { blob: `out-${a}-${v}`, size: 1000 + v } },
        locations: [
          {
            kind: "artifact",
            ref: `kiln-${name}-v${v}`,
            url: `https://github.com/acme/ml/actions/runs/${1000 + v}/artifacts/${v}`,
          },
        ],
        metrics: { loss, accuracy: 1 - loss / 2 },
        series,
        checks: [
          {
            name: "loss < 2",
            kind: "metric",
            blocking: true,
            passed: true,
            message: `loss = ${loss.toFixed(4)} < 2`,
          },
        ],
        reasons: ["dependency updated"],
        context: {
          event: prod ? "push" : "pull_request",
          environment: prod ? "prod" : "dev",
          gitSha: (a * 100_000 + v).toString(16).padStart(40, "0"),
          ref: prod ? "main" : `feature-${v}`,
          runUrl: `https://github.com/acme/ml/actions/runs/${1000 + v}`,
          actor: "ci",
        },
        startedAt: new Date(at - 60_000).toISOString(),
        finishedAt: new Date(at).toISOString(),
        durationMs: 60_000,
        attempts: 1,
      };
      // As the ledger stores a record: its series in a file of its own, its head in the asset's log,
      // and a block of them packed once it is complete.
      const stored = separateSeries(record);
      const text = JSON.stringify(stored.record);
      heads.push(headLine(stored.record));
      if (packed && v <= completedBlocks(options.versions) * PACK_VERSIONS) {
        block.push({ version: v, text });
        if (stored.series) blockSeries.set(stored.series.path, stored.series.text);
        if (v % PACK_VERSIONS === 0) {
          const b = blockOf(v);
          const built = buildPacks(name, b, block, (file) => blockSeries.get(file));
          if (!built.ok) throw new Error(built.error);
          writeFileSync(path.join(ledger, recordPackPath(name, b)), built.value.records);
          if (built.value.series) {
            mkdirSync(path.join(ledger, "series", name), { recursive: true });
            writeFileSync(path.join(ledger, seriesPackPath(name, b)), built.value.series.text);
          }
          block.length = 0;
          blockSeries.clear();
        }
      } else {
        if (stored.series) {
          mkdirSync(path.join(ledger, path.dirname(stored.series.path)), { recursive: true });
          writeFileSync(path.join(ledger, stored.series.path), stored.series.text);
        }
        writeFileSync(path.join(ledger, materializationPath(name, v)), text);
      }
      if (prod && (!champion || loss < champion.loss - 0.001)) {
        aliases.push({
          alias: "champion",
          asset: name,
          from: champion?.version ?? null,
          to: v,
          at: record.finishedAt,
          by: "ci",
          reason: `loss ${loss.toFixed(4)} beats champion`,
          id: `${name}-${v}`,
        });
        champion = { version: v, loss };
      }
      if (v % 100 === 50) {
        const failedAt = new Date(at + HOUR).toISOString();
        writeFileSync(
          path.join(ledger, failurePath(name, failedAt)),
          JSON.stringify({
            schema: RECORD_SCHEMA,
            asset: name,
            status: "failed",
            logicalVersion: `logical-${a}-${v}-failed`,
            provenance: record.provenance,
            error: "step exited with code 1",
            logTail: [
              "Traceback (most recent call last):",
              '  File "train.py", line 3',
              "ValueError: bad batch",
            ],
            checks: [],
            metrics: {},
            reasons: ["code changed"],
            context: record.context,
            startedAt: failedAt,
            finishedAt: failedAt,
            durationMs: 1000,
            attempts: 1,
          }),
        );
      }
    }
    writeFileSync(path.join(ledger, aliasPath(name)), aliases.map((e) => `${JSON.stringify(e)}\n`).join(""));
    mkdirSync(path.dirname(path.join(ledger, headsPath(name))), { recursive: true });
    writeFileSync(path.join(ledger, headsPath(name)), `${heads.join("\n")}\n`);
  });
  return { root, manifest: path.join(root, "kiln.yml"), names };
}
