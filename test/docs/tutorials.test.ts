// The tutorials' and the README's shown outputs are what the tool prints: each documented command
// is run again in a scratch copy of its example (scripts/tutorial-outputs.ts) and the docs must
// match, up to what differs between honest runs (times, dates, hashes, widths).
// `npx tsx scripts/tutorial-outputs.ts` rewrites them. The XGBoost tutorial needs Debian's Python
// packages and trains for a minute; test/examples/xgboost.test.ts checks it with the example's
// own assertions, from the same run.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { kilnLine, normalizeOutput, regenerate, TUTORIALS } from "../../scripts/tutorial-outputs.js";
import { exampleRepo } from "../support/example-repo.js";
import { kilnIn } from "../support/kiln-in-process.js";

const ROOT = path.resolve(import.meta.dirname, "../..");

describe("tutorial outputs", () => {
  for (const tutorial of TUTORIALS.filter((t) => !t.python)) {
    it(`${tutorial.doc} shows what the commands print`, { timeout: 600_000 }, async () => {
      const documented = readFileSync(path.join(ROOT, tutorial.doc), "utf8");
      const fresh = await regenerate(tutorial);
      expect(
        normalizeOutput(documented),
        `${tutorial.doc} drifted from the tool: npx tsx scripts/tutorial-outputs.ts`,
      ).toBe(normalizeOutput(fresh));
    });
  }

  it("runs the README's opening demo command as the quickstart's run", () => {
    const readme = TUTORIALS.find((t) => t.doc === "README.md");
    const text = readFileSync(path.join(ROOT, "README.md"), "utf8");
    // The two opening commands a visitor copies stay what the README promises.
    expect(text.split("\n").slice(2, 6).join("\n")).toMatch(
      /^```sh\nnpm ci && npm run demo .*\nnpm ci && npm test .*\n```$/,
    );
    const pkg = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as {
      scripts: Record<string, string>;
    };
    // What the transcript runs for `npm run demo` is what package.json's demo script runs.
    expect(pkg.scripts.demo).toBe(
      `node dist/cli.js ${readme?.commands?.["npm run demo"]?.replace(/^kiln /, "")}`,
    );
    expect(text).toContain("<!-- tutorial: report model -->");
    expect(kilnLine(readme!, "cd examples/quickstart && npx kiln status")).toMatchObject({
      cwd: "examples/quickstart",
      args: ["status"],
    });
  });

  it("links into the scratch copy's node_modules exactly what the tutorial's setup tells the reader to", () => {
    for (const tutorial of TUTORIALS.filter((t) => t.scratch !== ".")) {
      const doc = readFileSync(path.join(ROOT, tutorial.doc), "utf8");
      const documented = [...doc.matchAll(/^ln -s \/path\/to\/kiln(\S*) node_modules\/(\S+)/gm)]
        .map((m) => `${m[2]} → kiln${m[1]}`)
        .sort();
      const linked = Object.entries(tutorial.packages)
        .map(([name, target]) => `${name} → ${path.join("kiln", path.relative(ROOT, target))}`)
        .sort();
      expect(documented, tutorial.doc).toEqual(linked);
    }
  });

  it("regenerates the copied example's workflow in the tutorials' setup, before the first commit", async () => {
    for (const tutorial of TUTORIALS.filter((t) => t.scratch !== ".")) {
      const doc = readFileSync(path.join(ROOT, tutorial.doc), "utf8");
      const setup = /```sh\n([\s\S]*?)```/.exec(doc)?.[1] ?? "";
      const name = path.basename(tutorial.example);
      // The example's committed workflow is generated for the Kiln repository, where its manifest
      // is examples/NAME/kiln.yml: copied to a repository of its own, every job would look for a
      // manifest that is not there until `kiln generate` rewrites it for the copy.
      const shipped = readFileSync(path.join(ROOT, tutorial.example, ".github/workflows/kiln.yml"), "utf8");
      expect(shipped).toContain(`manifest: ${tutorial.example}/kiln.yml`);
      const at = (pattern: RegExp) => setup.search(pattern);
      const copy = at(new RegExp(`cp -r ${tutorial.example} `));
      const alias = at(/alias kiln=/);
      const generate = at(/\bkiln generate\b/);
      const commit = at(/git commit/);
      expect(copy, `${tutorial.doc}: the setup copies ${name}`).toBeGreaterThanOrEqual(0);
      expect(generate, `${tutorial.doc}: \`kiln generate\` after the copy`).toBeGreaterThan(copy);
      expect(alias, `${tutorial.doc}: \`kiln\` is defined before it is used`).toBeLessThan(generate);
      expect(generate, `${tutorial.doc}: the regenerated workflow is what gets committed`).toBeLessThan(
        commit,
      );
      // What that step leaves: a workflow that fits the copy (and `generate --check` in CI passes).
      const repo = exampleRepo(name as "quickstart" | "xgboost");
      expect((await kilnIn(repo.dir, ["generate"])).code).toBe(0);
      const check = await kilnIn(repo.dir, ["generate", "--check"]);
      expect(check.code, check.output).toBe(0);
      expect(readFileSync(path.join(repo.dir, ".github/workflows/kiln.yml"), "utf8")).not.toContain(
        "examples/",
      );
    }
  }, 120_000);

  it("shows each asset of the example's manifest as the example declares it", () => {
    // A reader who types the shown manifest gets the example's pipeline (one once lacked
    // evaluation's `code`, so evaluate.py edits never made it stale). Labels (description, group) may be left out.
    const withoutLabels = (value: unknown): unknown =>
      Array.isArray(value)
        ? value.map(withoutLabels)
        : value && typeof value === "object"
          ? Object.fromEntries(
              Object.entries(value)
                .filter(([key]) => key !== "description" && key !== "group")
                .map(([key, v]) => [key, withoutLabels(v)]),
            )
          : value;
    for (const tutorial of TUTORIALS.filter((t) => t.scratch !== ".")) {
      const doc = readFileSync(path.join(ROOT, tutorial.doc), "utf8");
      const block = /## The manifest[\s\S]*?```yaml\n([\s\S]*?)```/.exec(doc)?.[1] ?? "";
      // An excerpt says so with `...` lines (the quickstart's); a whole manifest is typed as shown.
      if (/^\s*\.\.\.$/m.test(block)) continue;
      const shown = parseYaml(block) as { assets: Record<string, unknown> };
      const example = parseYaml(readFileSync(path.join(ROOT, tutorial.example, "kiln.yml"), "utf8")) as {
        assets: Record<string, unknown>;
      };
      expect(Object.keys(shown.assets), tutorial.doc).toEqual(Object.keys(example.assets));
      for (const [name, asset] of Object.entries(shown.assets))
        expect(withoutLabels(asset), `${tutorial.doc}: asset ${name}`).toEqual(
          withoutLabels(example.assets[name]),
        );
    }
  });

  it("never adds --force to a selection, which is a request already", () => {
    for (const tutorial of TUTORIALS) {
      const doc = readFileSync(path.join(ROOT, tutorial.doc), "utf8");
      for (const [line] of doc.matchAll(/^\$ .*$/gm)) {
        const kiln = kilnLine(tutorial, line.slice(2));
        if (!kiln || !["run", "plan"].includes(kiln.args[0] ?? "")) continue;
        const options = new Set([
          "--env",
          "--event",
          "--now",
          "--set",
          "-j",
          "--jobs",
          "--base",
          "--explain",
          "--manifest",
          "--ledger",
        ]);
        const selection = kiln.args.slice(1).filter((arg, i, args) => {
          const previous = args[i - 1];
          return !arg.startsWith("-") && !(previous !== undefined && options.has(previous));
        });
        expect(
          selection.length > 0 && kiln.args.includes("--force"),
          `${tutorial.doc}: ${line} — the selection runs without --force`,
        ).toBe(false);
      }
    }
  });

  it("normalizes only what differs between honest runs", () => {
    const a = "✓ model: success (172 ms) — v1\ncars        success  1.7 s  v1\ncommit 6d69da8-dirty";
    const b = "✓ model: success (1.9 s) — v1\ncars        success  172 ms  v1\ncommit be6cfcd-dirty";
    expect(normalizeOutput(a)).toBe(normalizeOutput(b));
    expect(normalizeOutput("model  success  v1")).not.toBe(normalizeOutput("model  success  v2"));
    expect(normalizeOutput("val_mae 2.444")).not.toBe(normalizeOutput("val_mae 2.508"));
    expect(normalizeOutput("| ---- | ----: |")).toBe(normalizeOutput("| -------- | ------: |"));
  });

  it("filters documented output as the shell's grep -A and head would", () => {
    const tutorial = TUTORIALS[0]!;
    const lines = ["a", "promotion x", "b", "c", "d", "promotion y", "e"];
    const grep = kilnLine(tutorial, "kiln show model@v2 | grep -A1 promotion")!;
    expect(grep.filters.reduce((l, f) => f(l), lines)).toEqual(["promotion x", "b", "promotion y", "e"]);
    const head = kilnLine(tutorial, "kiln show model | head -2")!;
    expect(head.filters.reduce((l, f) => f(l), lines)).toEqual(["a", "promotion x"]);
    expect(kilnLine(tutorial, "git status")).toBeUndefined();
  });
});
