// The hidden HTML comments Kiln finds its own GitHub objects by: the sticky report comment of a
// pull request and the failure issue of an asset. Written once here, so the writer and the finder
// can never disagree; input goes through `commentText`, so no name can close the comment early.
import { commentText } from "../report/escape.js";

/** The sticky report comment: one per workflow and manifest, so two workflows never fight. */
export function stickyCommentMarker(workflow: string, manifest: string): string {
  return `<!-- kiln-report: ${commentText(workflow)}/${commentText(manifest)} -->`;
}

/**
 * An asset's failure issue, per project: one repository may hold several manifests with the same
 * asset names, and each asset's issue is its own.
 */
export function failureIssueMarker(project: string, asset: string): string {
  return `<!-- kiln:failure:${commentText(project)}/${commentText(asset)} -->`;
}

/**
 * The marker issues opened before markers named the project: still found (and closed) by the
 * asset's name, so an upgrade leaves no issue open for good.
 */
export function legacyFailureIssueMarker(asset: string): string {
  return `<!-- kiln:failure:${commentText(asset)} -->`;
}
