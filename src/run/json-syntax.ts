// Where a step's JSON (KILN_METRICS, a KILN_SERIES line) stops being JSON, and what is wrong
// there, in words that quote none of the text. JSON.parse's messages quote the text around the
// error ("Unexpected token 's', ..."key": sk-live-51"..."), and a step may have written a secret
// into that file; on Node 20 they also lack the position for most errors. So the position comes
// from this scanner, which reads the same grammar as parseStepJson (JSON plus the NaN, Infinity
// and -Infinity tokens Python writes). It keeps an explicit stack, so deeply nested input cannot
// overflow the call stack.

export interface JsonSyntaxError {
  /** 1-based line and column (in UTF-16 code units, as editors count them). */
  line: number;
  column: number;
  /** What is wrong, without quoting the text. */
  problem: string;
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const LITERALS = ["true", "false", "null", "NaN", "Infinity", "-Infinity"];
const ESCAPES = new Set(['"', "\\", "/", "b", "f", "n", "r", "t"]);

function position(text: string, offset: number, problem: string): JsonSyntaxError {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1, problem };
}

/** The end of the string starting at `start` (a `"`), or the offset and problem of its error. */
function scanString(text: string, start: number): number | { at: number; problem: string } {
  for (let i = start + 1; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 34) return i + 1;
    if (code < 32) return { at: i, problem: "a control character (a raw line break or tab) inside a string" };
    if (code === 92) {
      const next = text[i + 1];
      if (next === "u") {
        if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6)))
          return { at: i, problem: "a \\u escape without four hex digits" };
        i += 5;
      } else if (next !== undefined && ESCAPES.has(next)) i++;
      else return { at: i, problem: "an invalid escape inside a string" };
    }
  }
  return { at: start, problem: "a string that is never closed" };
}

/** The first syntax error of `text`, or undefined when it is one valid value. */
export function locateJsonError(text: string): JsonSyntaxError | undefined {
  const stack: ("{" | "[")[] = [];
  type Expect = "value" | "value-or-]" | "key" | "key-or-}" | "colon" | "comma-or-close" | "done";
  let expect = "value" as Expect;
  let i = 0;
  const fail = (at: number, problem: string) => position(text, at, problem);
  const afterValue = () => {
    expect = stack.length > 0 ? "comma-or-close" : "done";
  };
  for (;;) {
    while (i < text.length && " \t\n\r".includes(text[i]!)) i++;
    if (i >= text.length) {
      if (expect === "done") return undefined;
      const open = stack.at(-1);
      return fail(
        i,
        open
          ? `the text ends inside an ${open === "{" ? "object" : "array"} that is never closed`
          : "no JSON value",
      );
    }
    const c = text[i]!;
    switch (expect) {
      case "done":
        return fail(i, "more text after the JSON value (one value per file, or per line for KILN_SERIES)");
      case "colon":
        if (c !== ":") return fail(i, "expected ':' after a property name");
        i++;
        expect = "value";
        continue;
      case "comma-or-close": {
        const open = stack.at(-1)!;
        const close = open === "{" ? "}" : "]";
        if (c === ",") {
          i++;
          expect = open === "{" ? "key" : "value";
        } else if (c === close) {
          stack.pop();
          i++;
          afterValue();
        } else return fail(i, `expected ',' or '${close}'`);
        continue;
      }
      case "key-or-}":
      case "key": {
        if (c === "}" && expect === "key-or-}") {
          stack.pop();
          i++;
          afterValue();
          continue;
        }
        if (c !== '"')
          return fail(
            i,
            expect === "key" && c === "}"
              ? "a trailing comma before '}'"
              : "expected a property name in double quotes",
          );
        const end = scanString(text, i);
        if (typeof end !== "number") return fail(end.at, end.problem);
        i = end;
        expect = "colon";
        continue;
      }
      case "value-or-]":
      case "value": {
        if (c === "]" && expect === "value-or-]") {
          stack.pop();
          i++;
          afterValue();
          continue;
        }
        if (c === "{" || c === "[") {
          stack.push(c);
          i++;
          expect = c === "{" ? "key-or-}" : "value-or-]";
          continue;
        }
        if (c === '"') {
          const end = scanString(text, i);
          if (typeof end !== "number") return fail(end.at, end.problem);
          i = end;
          afterValue();
          continue;
        }
        const literal = LITERALS.find((word) => text.startsWith(word, i));
        if (literal) {
          i += literal.length;
          afterValue();
          continue;
        }
        NUMBER.lastIndex = i;
        if (NUMBER.test(text)) {
          i = NUMBER.lastIndex;
          afterValue();
          continue;
        }
        if (c === "]" || c === "}")
          return fail(
            i,
            c === "]" && stack.at(-1) === "["
              ? "a trailing comma before ']'"
              : "a closing bracket where a value belongs",
          );
        return fail(
          i,
          "not a JSON value (strings need double quotes; numbers, true, false, null, NaN or Infinity)",
        );
      }
    }
  }
}
