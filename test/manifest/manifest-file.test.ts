// What `-m` may point at: only a regular file of reasonable size. A device or a pipe would be read
// forever; a huge file would be parsed at length before any error.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, truncateSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadManifest, MAX_MANIFEST_BYTES } from "../../src/manifest/load.js";
import { kilnIn } from "../support/kiln-in-process.js";

const dir = mkdtempSync(path.join(os.tmpdir(), "kiln-manifest-file-"));

function unreadable(file: string) {
  const loaded = loadManifest(file, { displayName: "kiln.yml" });
  expect(loaded.ok).toBe(false);
  return loaded.ok ? undefined : loaded.error;
}

describe("the manifest file", () => {
  it.runIf(existsSync("/dev/zero"))(
    "a device is refused, and `kiln validate -m /dev/zero` returns with exit 1",
    async () => {
      expect(unreadable("/dev/zero")).toEqual([
        {
          severity: "error",
          reason: "manifest-unreadable",
          message: "the manifest is a device, not a regular file",
          location: { file: "kiln.yml" },
          hint: "pass the path of a kiln.yml file with -m",
        },
      ]);
      const result = await kilnIn(dir, ["validate", "-m", "/dev/zero"]);
      expect(result.code).toBe(1);
      expect(result.output).toContain("error: the manifest is a device, not a regular file");
    },
  );

  it("a pipe (which would block the open) and a directory are refused", () => {
    const fifo = path.join(dir, "kiln.fifo");
    execFileSync("mkfifo", [fifo]);
    expect(unreadable(fifo)?.[0]?.message).toBe("the manifest is a pipe, not a regular file");
    expect(unreadable(dir)?.[0]?.message).toBe("the manifest is a directory, not a regular file");
  });

  it("a file over the size cap is refused before it is read", () => {
    const big = path.join(dir, "big.yml");
    writeFileSync(big, "");
    truncateSync(big, MAX_MANIFEST_BYTES + 1); // sparse: costs no disk
    expect(unreadable(big)?.[0]?.message).toBe(
      "the manifest is 8,388,609 bytes; Kiln reads manifests of at most 8,388,608 bytes (8 MiB)",
    );
  });
});
