// The pull request's sticky comment across runs. A run that did nothing (every asset fresh or left
// alone: a README fix pushed to the pull request) must not replace the report of the run that built
// the pull request's versions with a list of fresh assets — the reviewers' numbers against the
// champion and the merge-base would vanish while the versions they describe are still the pull
// request's. Kiln's rule for local reports is the same (src/app/report-history.ts: an idle run does
// not replace `latest`). So the comment carries, hidden under its marker, the commit it reports and
// each asset's version; an idle run whose versions are those keeps the report and says on top that
// it found nothing to rebuild. When the versions differ (the run that built them could not comment:
// the pull request had moved on), the idle run's own report replaces it, which names them.
import { commentText, md, mdLink } from "./escape.js";
import type { RunReport } from "./model.js";

const STATE = /^<!-- kiln-comment: (\S+) (.*) -->$/;
/** The first characters of the note an idle run puts on top of the report it keeps. */
const IDLE_NOTE = "> 💤 ";

/** Each asset's version in `report`, as the hidden state says it (`-`: none). */
function versionsOf(report: RunReport): string {
  return commentText(
    report.assets.map((a) => `${a.name}=${a.record ? `v${a.record.version}` : "-"}`).join(" "),
  );
}

/**
 * The marker that starts the comment, followed by the hidden state of `report` (its commit and
 * versions): what renderReport puts first, counted in the comment's budget.
 */
export function stickyCommentHead(marker: string, report: RunReport): string {
  return `${marker}\n<!-- kiln-comment: ${commentText(report.gitSha || "-")} ${versionsOf(report)} -->`;
}

/**
 * The comment an idle run leaves: `existing` (the comment as it stands) with a note on top that
 * this idle run (one that did nothing: the caller asks) found nothing to rebuild, when it reports the
 * versions this run found; undefined when the comment reports other versions (or predates the
 * hidden state): then the run's own report is posted.
 */
export function keptComment(existing: string, marker: string, report: RunReport): string | undefined {
  const lines = existing.split("\n");
  const state = STATE.exec(lines[1] ?? "");
  if (lines[0] !== marker || !state || state[2] !== versionsOf(report)) return undefined;
  // The report as the run that built these versions wrote it, without an earlier idle run's note.
  let rest = 2;
  if (lines[rest]?.startsWith(IDLE_NOTE)) rest += 1;
  while (lines[rest] === "") rest += 1;
  const sha = report.gitSha ? ` at ${md(report.gitSha.slice(0, 7))}` : "";
  const run = mdLink("workflow run", report.runUrl);
  const from = state[1] === "-" ? "" : ` (the report of ${md(state[1]!.slice(0, 7))})`;
  const note = `${IDLE_NOTE}**Nothing to rebuild**${sha}${run ? ` (${run})` : ""}: every asset is still at the version reported below${from}, so it still describes the pull request.`;
  return [lines[0], lines[1], note, "", ...lines.slice(rest)].join("\n");
}
