// What the action's commands need from the runner, behind one interface: the entry binds it to
// @actions/core, tests bind it to files and arrays. Nothing else in Kiln imports @actions/core.

export interface Annotation {
  file?: string | undefined;
  startLine?: number | undefined;
  startColumn?: number | undefined;
  title?: string | undefined;
}

export interface ActionIO {
  env: NodeJS.ProcessEnv;
  cwd: string;
  info(message: string): void;
  warning(message: string, annotation?: Annotation): void;
  error(message: string, annotation?: Annotation): void;
  /** Runs `fn` inside a collapsed log group. */
  group<T>(title: string, fn: () => Promise<T>): Promise<T>;
  setOutput(name: string, value: string): void;
  /** Appends Markdown to the job summary. */
  summary(markdown: string): Promise<void>;
  /** Hides a value in every later log line. */
  mask(value: string): void;
  setFailed(message: string): void;
}
