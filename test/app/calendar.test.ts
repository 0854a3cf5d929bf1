// Simulated time is time: a month of `--now` ticks replayed against a real project, across the end
// of daylight saving time in Europe/Berlin (2026-10-25, 03:00 CEST → 02:00 CET). Every record,
// failure and cursor a tick writes carries the tick's time, so each tick's decisions depend only
// on the calendar, never on when the test runs.
import { describe, expect, it } from "vitest";
import { cursorScope } from "../../src/app/workspace.js";
import { TickWorld } from "./tick-world.js";

const manifest = `version: 1
assets:
  snapshot:
    run: "sh steps/pull.sh"
    outputs: [data/snapshot.txt]
    automation: { on_cron: "0 6 * * *", tz: Europe/Berlin }
  features:
    run: "sh steps/features.sh"
    deps: [snapshot]
    outputs: [data/features.txt]
  model:
    run: "sh steps/model.sh"
    deps: [features]
    outputs: [data/model.txt]
    automation: { cron: "0 7 * * 1", tz: Europe/Berlin }
`;

// Steps are shell one-liners: the month replays ~100 ticks, and a node process per step was most
// of the test's time.
const files = {
  "kiln.yml": manifest,
  // The "external" feed the daily pull reads: not an input of the asset, so only the pull sees it.
  ".feed/current.txt": "week 1\n",
  "steps/pull.sh": "mkdir -p data && cat .feed/current.txt > data/snapshot.txt\n",
  "steps/features.sh": "{ printf 'features of '; cat data/snapshot.txt; } > data/features.txt\n",
  "steps/model.sh": "{ printf 'model on '; cat data/features.txt; } > data/model.txt\n",
};

function days(from: string, count: number): string[] {
  const start = new Date(`${from}T00:00:00Z`).getTime();
  return Array.from({ length: count }, (_, i) => new Date(start + i * 86_400_000).toISOString().slice(0, 10));
}

describe("replaying a month of ticks", () => {
  it("materializes exactly on the daily and weekly ticks, in local time across the DST change", async () => {
    const world = new TickWorld(files);
    world.git("rm", "-q", "--cached", ".feed/current.txt");
    world.write({ ".gitignore": ".feed/\n.kiln/\ndata/\n" });
    world.commit("ignore the feed");
    // The feed publishes new data on these mornings, before 04:00 UTC.
    const feedChanges: Record<string, string> = { "2026-10-20": "week 2\n", "2026-11-03": "week 3\n" };

    const log: string[] = [];
    for (const day of days("2026-10-15", 31)) {
      if (feedChanges[day]) world.write({ ".feed/current.txt": feedChanges[day] });
      // A workflow with several schedules is started at each of these times.
      for (const time of ["04:30", "05:30", "06:30"]) {
        const now = `${day}T${time}:00Z`;
        const ran = await world.materialized(now);
        if (ran.length) log.push(`${day} ${time} ${ran.join(" ")}`);
      }
    }

    expect(log).toEqual([
      // Thursday: first build of everything (model's Monday tick has passed: never handled).
      "2026-10-15 04:30 snapshot features model",
      // 06:00 CEST = 04:00 UTC: the daily pull runs at the 04:30 UTC tick, features only when the
      // pulled bytes changed (early cutoff).
      "2026-10-16 04:30 snapshot",
      "2026-10-17 04:30 snapshot",
      "2026-10-18 04:30 snapshot",
      // Monday 07:00 CEST = 05:00 UTC: the weekly model.
      "2026-10-19 04:30 snapshot",
      "2026-10-19 05:30 model",
      "2026-10-20 04:30 snapshot features",
      "2026-10-21 04:30 snapshot",
      "2026-10-22 04:30 snapshot",
      "2026-10-23 04:30 snapshot",
      "2026-10-24 04:30 snapshot",
      // Sunday 25 October, 03:00 CEST → 02:00 CET: 06:00 CET = 05:00 UTC from now on.
      "2026-10-25 05:30 snapshot",
      // Monday 07:00 CET = 06:00 UTC.
      "2026-10-26 05:30 snapshot",
      "2026-10-26 06:30 model",
      "2026-10-27 05:30 snapshot",
      "2026-10-28 05:30 snapshot",
      "2026-10-29 05:30 snapshot",
      "2026-10-30 05:30 snapshot",
      "2026-10-31 05:30 snapshot",
      "2026-11-01 05:30 snapshot",
      "2026-11-02 05:30 snapshot",
      "2026-11-02 06:30 model",
      "2026-11-03 05:30 snapshot features",
      "2026-11-04 05:30 snapshot",
      "2026-11-05 05:30 snapshot",
      "2026-11-06 05:30 snapshot",
      "2026-11-07 05:30 snapshot",
      "2026-11-08 05:30 snapshot",
      "2026-11-09 05:30 snapshot",
      "2026-11-09 06:30 model",
      "2026-11-10 05:30 snapshot",
      "2026-11-11 05:30 snapshot",
      "2026-11-12 05:30 snapshot",
      "2026-11-13 05:30 snapshot",
      "2026-11-14 05:30 snapshot",
    ]);

    // What the ticks wrote carries the ticks' times: the last snapshot started at its tick.
    const workspace = await world.workspace();
    const { ledger } = workspace;
    const last = (await ledger.materializations("snapshot")).at(-1)!;
    expect(last.version).toBe(31);
    expect(last.startedAt.slice(0, 16)).toBe("2026-11-14T05:30");
    expect((await ledger.readCursor(cursorScope(workspace)))?.updatedAt).toBe("2026-11-14T05:30:00.000Z");
  }, 600_000);
});
