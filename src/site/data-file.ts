// The site's data files: `data/<asset>/<name>.js`, each one call of the global the pages define,
// `kilnData("<asset>/<name>", {...});`. A classic script loads from file:// and from a web server
// alike, where fetch() of a file:// URL is blocked. A rebuild reads some back (see reuse.ts).
import { scriptJson } from "../report/escape.js";
import { DATA_CALLBACK } from "./data.js";

export function dataFile(key: string, value: unknown): string {
  return `${DATA_CALLBACK}(${JSON.stringify(key)},${scriptJson(value)});\n`;
}

/** The value of a data file written by dataFile(key, …); undefined for anything else. */
export function readDataFile(text: string, key: string): unknown {
  const head = `${DATA_CALLBACK}(${JSON.stringify(key)},`;
  const tail = ");\n";
  if (!text.startsWith(head) || !text.endsWith(tail)) return undefined;
  try {
    // scriptJson's \u escapes are JSON escapes: the text between is JSON.
    return JSON.parse(text.slice(head.length, -tail.length));
  } catch {
    return undefined;
  }
}
