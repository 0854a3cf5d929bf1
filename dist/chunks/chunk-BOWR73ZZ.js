import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  UserError,
  fromSystemError,
  isSystemError
} from "./chunk-IL3SHYLP.js";

// src/cli/errors.ts
import { readFileSync } from "node:fs";

// src/manifest/diagnostics.ts
function position(location) {
  const r = location.range;
  return r ? `${location.file}:${r.line}:${r.column}` : location.file;
}
function excerpt(lines, range) {
  if (lines === void 0 || range === void 0) return [];
  const text = lines[range.line - 1];
  if (text === void 0) return [];
  const start = Math.max(range.column - 1, 0);
  const end = range.endLine === range.line ? Math.max(range.endColumn - 1, start + 1) : Math.max(text.length, start + 1);
  const gutter = String(range.line);
  const pad = " ".repeat(gutter.length);
  return [
    `${pad} |`,
    `${gutter} | ${text}`,
    `${pad} | ${" ".repeat(start)}${"^".repeat(Math.min(end, Math.max(text.length, start + 1)) - start)}`
  ];
}
function sourceLines(options) {
  const cache = /* @__PURE__ */ new Map();
  return (file) => {
    if (!cache.has(file)) cache.set(file, options.readSource?.(file)?.split(/\r?\n/));
    return cache.get(file);
  };
}
function formatWithLines(d, linesOf) {
  const out = [`${position(d.location)} ${d.severity}: ${d.message}`];
  if (d.location.range) out.push(...excerpt(linesOf(d.location.file), d.location.range));
  for (const related of d.related ?? []) {
    out.push(`  ${position(related)} note: ${related.message}`);
  }
  if (d.hint) out.push(`  hint: ${d.hint}`);
  return out.join("\n");
}
function formatDiagnostics(diagnostics, options = {}) {
  const errors = diagnostics.filter((d) => d.severity === "error").length;
  const warnings = diagnostics.length - errors;
  const linesOf = sourceLines(options);
  const body = diagnostics.map((d) => formatWithLines(d, linesOf)).join("\n\n");
  const counts = [
    errors && `${errors} error${errors === 1 ? "" : "s"}`,
    warnings && `${warnings} warning${warnings === 1 ? "" : "s"}`
  ].filter(Boolean).join(", ");
  return counts ? `${body}

${counts}` : body;
}

// src/cli/errors.ts
var DiagnosticsError = class extends Error {
  constructor(diagnostics, files) {
    super(`${diagnostics.length} problem(s) in the manifest`);
    this.diagnostics = diagnostics;
    this.files = files;
    this.name = "DiagnosticsError";
  }
  diagnostics;
  files;
};
var ExitCode = class extends Error {
  constructor(code) {
    super(`exit ${code}`);
    this.code = code;
    this.name = "ExitCode";
  }
  code;
};
function printDiagnostics(diagnostics, files, write) {
  const readSource = (file) => {
    try {
      return readFileSync(files[file] ?? file, "utf8");
    } catch {
      return void 0;
    }
  };
  write(`${formatDiagnostics(diagnostics, { readSource })}
`);
}
var BUG_REPORT_URL = "https://github.com/kiln-ml/kiln/issues";
function reportError(error, write) {
  if (error instanceof ExitCode) return error.code;
  if (error instanceof DiagnosticsError) {
    printDiagnostics(error.diagnostics, error.files, write);
    return 1;
  }
  const user = error instanceof UserError ? error : isSystemError(error) ? fromSystemError(error) : void 0;
  if (user) {
    write(`kiln: error: ${user.message}
${user.hint ? `  hint: ${user.hint}
` : ""}`);
    if (process.env.KILN_DEBUG && user !== error && error instanceof Error) write(`${error.stack}
`);
    return 1;
  }
  const message = error instanceof Error ? error.message : String(error);
  write(
    `kiln: internal error: ${message}
This is a bug in Kiln. Please report it at ${BUG_REPORT_URL} with the command you ran (set KILN_DEBUG=1 to print the stack trace).
`
  );
  if (process.env.KILN_DEBUG && error instanceof Error && error.stack) write(`${error.stack}
`);
  return 2;
}

export {
  DiagnosticsError,
  ExitCode,
  printDiagnostics,
  BUG_REPORT_URL,
  reportError
};
