// Errors are values: every problem in a manifest becomes a Diagnostic, all are collected, and one
// printer at the edge renders them compiler style (file:line:col severity: message, the source line,
// a squiggle under the range), as wireit does.
import type { SourceLocation, SourceRange } from "./project.js";

export type Severity = "error" | "warning";

export interface RelatedLocation extends SourceLocation {
  message: string;
}

export interface Diagnostic {
  severity: Severity;
  /** Stable kebab-case identifier, e.g. `unknown-dependency`, for tests and tooling. */
  reason: string;
  message: string;
  location: SourceLocation;
  /** The other half of a problem: the first definition of a duplicate, the rest of a cycle. */
  related?: RelatedLocation[] | undefined;
  /** What to do about it, e.g. `did you mean "features"?` */
  hint?: string | undefined;
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === "error");
}

function position(location: SourceLocation): string {
  const r = location.range;
  return r ? `${location.file}:${r.line}:${r.column}` : location.file;
}

/** Draws the source line and a squiggle under the range, when the range is on one line. */
function excerpt(lines: readonly string[] | undefined, range: SourceRange | undefined): string[] {
  if (lines === undefined || range === undefined) return [];
  const text = lines[range.line - 1];
  if (text === undefined) return [];
  const start = Math.max(range.column - 1, 0);
  const end =
    range.endLine === range.line
      ? Math.max(range.endColumn - 1, start + 1)
      : Math.max(text.length, start + 1);
  const gutter = String(range.line);
  const pad = " ".repeat(gutter.length);
  return [
    `${pad} |`,
    `${gutter} | ${text}`,
    `${pad} | ${" ".repeat(start)}${"^".repeat(Math.min(end, Math.max(text.length, start + 1)) - start)}`,
  ];
}

export interface PrintOptions {
  /** Reads a file's text to draw excerpts; return undefined to skip the excerpt. */
  readSource?: (file: string) => string | undefined;
}

/**
 * Each file is read and split into lines once for the whole list: a manifest with thousands of
 * assets gives thousands of warnings, and splitting its text for each one made printing them
 * quadratic (16,000 assets: two minutes).
 */
function sourceLines(options: PrintOptions): (file: string) => readonly string[] | undefined {
  const cache = new Map<string, readonly string[] | undefined>();
  return (file) => {
    if (!cache.has(file)) cache.set(file, options.readSource?.(file)?.split(/\r?\n/));
    return cache.get(file);
  };
}

export function formatDiagnostic(d: Diagnostic, options: PrintOptions = {}): string {
  return formatWithLines(d, sourceLines(options));
}

function formatWithLines(d: Diagnostic, linesOf: (file: string) => readonly string[] | undefined): string {
  const out = [`${position(d.location)} ${d.severity}: ${d.message}`];
  // A diagnostic without a range (an unreadable file: a device, a pipe) has no excerpt to draw,
  // and its file must not be read again.
  if (d.location.range) out.push(...excerpt(linesOf(d.location.file), d.location.range));
  for (const related of d.related ?? []) {
    out.push(`  ${position(related)} note: ${related.message}`);
  }
  if (d.hint) out.push(`  hint: ${d.hint}`);
  return out.join("\n");
}

export function formatDiagnostics(diagnostics: readonly Diagnostic[], options: PrintOptions = {}): string {
  const errors = diagnostics.filter((d) => d.severity === "error").length;
  const warnings = diagnostics.length - errors;
  const linesOf = sourceLines(options);
  const body = diagnostics.map((d) => formatWithLines(d, linesOf)).join("\n\n");
  const counts = [
    errors && `${errors} error${errors === 1 ? "" : "s"}`,
    warnings && `${warnings} warning${warnings === 1 ? "" : "s"}`,
  ]
    .filter(Boolean)
    .join(", ");
  return counts ? `${body}\n\n${counts}` : body;
}
