// What the action's commands need from the runner, behind one interface: the entry binds it to
// @actions/core (core-io.ts, the only module that imports it), tests to files and arrays.
import { actionsLogText } from "../report/escape.js";

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
  /** A collapsed log group holding `body` (a finished step's log), printed as it is. */
  logGroup(title: string, body: string): void;
  setOutput(name: string, value: string): void;
  /** Appends Markdown to the job summary. */
  summary(markdown: string): Promise<void>;
  /** Hides a value in every later log line. */
  mask(value: string): void;
  setFailed(message: string): void;
}

/**
 * The IO the action's commands get: every log line, whatever it quotes (a step's output, a metric
 * name, an error about input), is made inert for the runner on the way out, so no caller can
 * forget it. Annotations, groups' titles and outputs are command data, which @actions/core escapes.
 */
export function inertIO(io: ActionIO): ActionIO {
  return {
    ...io,
    info: (message) => io.info(actionsLogText(message)),
    logGroup: (title, body) => io.logGroup(title, actionsLogText(body)),
  };
}
