// The site's data files: `data/<asset>/<name>.js`, each one call of the global the pages define,
// `kilnData("<asset>/<name>", {...});`. A classic script loads from file:// and from a web server
// alike, where fetch() of a file:// URL is blocked. A rebuild reads some back (see reuse.ts).
import { DATA_CALLBACK } from "./data.js";

/**
 * A data file's text. Plain JSON is safe here, unlike JSON inside an HTML page (scriptJson): the
 * file is loaded by `<script src>`, so `</script>` or `<!--` in a record's text is only characters
 * of a string literal, never markup, and U+2028/9 are valid in string literals since ES2019 (Node
 * 20, every browser the site supports). Escaping 650 MB of a large site cost a tenth of its build.
 */
export function dataFile(key: string, value: unknown): string {
  return dataFileOf(key, JSON.stringify(value));
}

/** A data file's text from its value's JSON text (for values written as text: version-chunks.ts). */
export function dataFileOf(key: string, json: string): string {
  return `${DATA_CALLBACK}(${JSON.stringify(key)},${json});\n`;
}

/** The value of a data file written by dataFile(key, …); undefined for anything else. */
export function readDataFile(text: string, key: string): unknown {
  const head = `${DATA_CALLBACK}(${JSON.stringify(key)},`;
  const tail = ");\n";
  if (!text.startsWith(head) || !text.endsWith(tail)) return undefined;
  try {
    return JSON.parse(text.slice(head.length, -tail.length));
  } catch {
    return undefined;
  }
}
