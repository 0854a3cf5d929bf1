// A merge's conflict markers committed by mistake read as prose in Markdown and pass every other
// check there (one reached docs/github.md this way). Nothing tracked may hold them.
import { execFileSync } from "node:child_process";
import { expect, it } from "vitest";

it("no tracked file holds a merge's conflict markers", () => {
  let found = "";
  try {
    found = execFileSync("git", ["grep", "-n", "-I", "-E", "^(<<<<<<< |>>>>>>> )", "--", ".", ":!dist"], {
      encoding: "utf8",
    });
  } catch (error) {
    // git grep exits 1 when nothing matches.
    if ((error as { status?: number }).status !== 1) throw error;
  }
  expect(found).toBe("");
});
