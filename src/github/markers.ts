// The hidden HTML comments Kiln finds its own GitHub objects by: the sticky report comment of a
// pull request and the failure issue of an asset. Written once here, so the writer and the finder
// can never disagree; input goes through `commentText`, so no name can close the comment early.
import { commentText } from "../report/escape.js";

/** The sticky report comment: one per workflow and manifest, so two workflows never fight. */
export function stickyCommentMarker(workflow: string, manifest: string): string {
  return `<!-- kiln-report: ${commentText(workflow)}/${commentText(manifest)} -->`;
}

/** An asset's failure issue (the format issues opened by earlier versions carry, too). */
export function failureIssueMarker(asset: string): string {
  return `<!-- kiln:failure:${commentText(asset)} -->`;
}
