import { describe, expect, it } from "vitest";
import { gitIn } from "../support/kiln-in-process.js";
import { project, run, status, write } from "./edges-project.js";

describe(".gitattributes: an uncommitted file is versioned by what git would commit", () => {
  it("a CRLF checkout of `text eol=crlf` code, run and then committed, stays fresh", async () => {
    const dir = project({
      code: ["train.sh", "lib.py"],
      files: { ".gitattributes": "*.py text eol=crlf\n", "lib.py": "x = 1\r\n" },
    });
    // The checkout git makes of such a file has CRLF line ends; the blob has LF.
    write(dir, "lib.py", "x = 2\r\n");
    await run(dir);
    expect(await status(dir)).toMatchObject({ status: "fresh" });
    gitIn(dir, "add", "lib.py");
    gitIn(dir, "commit", "-q", "-m", "v2");
    expect(await status(dir)).toMatchObject({ status: "fresh", reasons: [] });
    write(dir, "lib.py", "x = 3\r\n");
    expect(await status(dir)).toMatchObject({ status: "stale", reasons: ["code changed (lib.py)"] });
  });

  it("a clean filter (as nbstripout's) applies: what it strips never changes the version", async () => {
    const dir = project({
      code: ["train.sh", "nb.ipynb"],
      files: { ".gitattributes": "*.ipynb filter=strip\n" },
    });
    gitIn(dir, "config", "filter.strip.clean", "sed /^out:/d");
    write(dir, "nb.ipynb", "cell: 1\nout: 0.91\n");
    await run(dir);
    gitIn(dir, "add", "nb.ipynb");
    gitIn(dir, "commit", "-q", "-m", "notebook");
    expect(await status(dir)).toMatchObject({ status: "fresh", reasons: [] });
    write(dir, "nb.ipynb", "cell: 1\nout: 0.93\n");
    expect(await status(dir)).toMatchObject({ status: "fresh", reasons: [] });
    write(dir, "nb.ipynb", "cell: 2\nout: 0.93\n");
    expect(await status(dir)).toMatchObject({ status: "stale", reasons: ["code changed (nb.ipynb)"] });
  });
});
