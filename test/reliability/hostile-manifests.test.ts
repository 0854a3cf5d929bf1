// Hostile input: whatever the manifest holds, loading it either succeeds or returns positioned
// diagnostics. Never an exception, never a hang, never a stack trace.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { parseManifest } from "../../src/manifest/load.js";

const options = { manifestPath: "/repo/kiln.yml", displayName: "kiln.yml" };
let tried = 0;

function load(source: string) {
  tried++;
  const result = parseManifest(source, options);
  if (!result.ok) {
    expect(result.error.length).toBeGreaterThan(0);
    for (const d of result.error) {
      expect(d.location.file).toBe("kiln.yml");
      expect(typeof d.message).toBe("string");
      expect(d.message).not.toMatch(/\n\s+at /);
    }
  }
  return result;
}

const name = fc.stringMatching(/^[a-z][a-z0-9_-]{0,8}$/);
const hostileText = fc.oneof(
  fc.string(),
  fc.constantFrom(
    "${{ secrets.TOKEN }}",
    "`rm -rf /`",
    "$(curl evil)",
    '"; exit 1; "',
    "a\nb",
    "<script>alert(1)</script>",
    "]]>",
    "-->",
    "\u202e",
    "💥",
  ),
);
const condition: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  leaf: fc.oneof(
    fc.constantFrom(
      "eager",
      "on_missing",
      "manual",
      "missing",
      "stale",
      "code_changed",
      "deps_updated",
      "eagr",
      "sometimes",
    ),
    fc.record({
      on_cron: fc.constantFrom("0 3 * * 1", "*/5 * * * *", "61 * * * *", "@weekly", "x"),
      tz: fc.constantFrom("UTC", "Europe/Berlin", "Mars/Olympus"),
    }),
  ),
  node: fc.oneof(
    { depthSize: "small" },
    tie("leaf"),
    fc.record({ all: fc.array(tie("node"), { maxLength: 3 }) }),
    fc.record({ any: fc.array(tie("node"), { maxLength: 3 }) }),
    fc.record({ not: tie("node") }),
  ),
})).node;
const asset = fc.record(
  {
    deps: fc.array(name, { maxLength: 3 }),
    run: hostileText,
    code: fc.array(hostileText, { maxLength: 2 }),
    outputs: fc.array(fc.constantFrom("build/a", "build/b", "build/a"), { maxLength: 2 }),
    config: fc.dictionary(hostileText, fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }),
    env: fc.dictionary(
      fc.constantFrom("A", "KILN_X", "bad name", "B"),
      fc.oneof(hostileText, fc.record({ secret: hostileText })),
      { maxKeys: 2 },
    ),
    automation: condition,
    timeout: fc.oneof(fc.constantFrom("30m", "2h", "0s", "forever"), fc.integer()),
    checks: fc.array(
      fc.record(
        { metric: fc.constantFrom("mae < 70", "mae <<< 3", "x"), blocking: fc.boolean() },
        { requiredKeys: [] },
      ),
      { maxLength: 2 },
    ),
    extra: hostileText,
  },
  { requiredKeys: [] },
);
const manifest = fc.record(
  {
    version: fc.oneof(fc.constant(1), fc.integer(), fc.string()),
    assets: fc.dictionary(fc.oneof(name, hostileText), asset, { maxKeys: 5 }),
  },
  { requiredKeys: [] },
);

describe("hostile manifests", () => {
  it("near-valid manifests load or give positioned diagnostics", () => {
    fc.assert(
      fc.property(manifest, (m) => {
        load(stringify(m));
      }),
      { numRuns: 400 },
    );
  });

  it("random text and random YAML never throw", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 300 }),
          fc.jsonValue().map((v) => stringify(v)),
        ),
        (text) => {
          load(text);
        },
      ),
      { numRuns: 400 },
    );
  });

  it("rejects a billion-laughs alias bomb quickly", () => {
    const levels = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"];
    for (let i = 1; i < 12; i++)
      levels.push(
        `${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9)
          .fill(`*${String.fromCharCode(96 + i)}`)
          .join(", ")}]`,
      );
    const result = load(`version: 1\n${levels.join("\n")}\nassets: {}\n`);
    expect(result.ok).toBe(false);
  });

  it("survives deep nesting and a large manifest", () => {
    const deep = `version: 1\nassets:\n  a:\n    run: x\n    config: ${"{a: ".repeat(200)}1${"}".repeat(200)}\n`;
    expect(load(deep).ok).toBe(true);
    const big = ["version: 1", "assets:"];
    for (let i = 0; i < 3000; i++)
      big.push(`  a${i}:\n    run: "true"\n    code-version: "1"${i ? `\n    deps: [a${i - 1}]` : ""}`);
    expect(load(big.join("\n")).ok).toBe(true);
  });

  it("counts what it tried", () => {
    console.log(`hostile manifests tried: ${tried}`);
    expect(tried).toBeGreaterThan(800);
  });
});
