// The one interface through which Kiln talks to git. Only src/git spawns git.

export interface IndexEntry {
  path: string;
  blob: string;
  mode: string;
}

export interface Git {
  /** The repository's top level, or undefined outside a repository. */
  readonly root: string | undefined;
}
