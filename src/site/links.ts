// A commit's web page, as the site links it: shared by the pages written in Node and the browser
// code (client/), which derives the link where a data file would otherwise repeat it for every
// version (~95 bytes each, 30 MB in a site of 300,000 versions).

/** `https://github.com/owner/repo`, from a record's run URL. */
export function repositoryFromRunUrl(url: string | undefined): string | undefined {
  return url ? /^(https?:\/\/[^/\s]+\/[^/\s]+\/[^/\s]+)\/actions\/runs\//.exec(url)?.[1] : undefined;
}

/** The commit's page, when the repository is known (given, or read from the run URL). */
export function commitLink(
  sha: string | undefined,
  runUrl: string | undefined,
  repositoryUrl: string | undefined,
): string | undefined {
  const repo = repositoryUrl ?? repositoryFromRunUrl(runUrl);
  return repo && sha && /^[0-9a-f]{7,64}$/.test(sha) ? `${repo}/commit/${sha}` : undefined;
}
