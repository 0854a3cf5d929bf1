// The one place that hides secret values. Every writer that can carry a step's output — the step's
// log file, the live lines on the terminal or in the Actions log, the failure and materialization
// records pushed to the ledger (and so every report and site page built from them), the action's
// registrations with the runner — masks through a `SecretMasker` built here.
//
// What counts as an occurrence of a secret, and why:
// - The value itself, and the value with CRLF line ends read as LF (a key file from Windows).
// - Its JSON-escaped forms: a secret written inside a JSON string has `\n`, `\"` and `\\` escapes
//   (JSON.stringify, and Python's json.dumps, which also writes non-ASCII as `\uXXXX`).
// - Each line of a multi-line value on its own (a PEM key, a service-account JSON key), trimmed:
//   output is cut into lines before anyone reads it, a program may print one line of the key (a
//   traceback quoting one field), and a stream may deliver the key in pieces. Lines shorter than
//   MIN_SUBSTRING are left alone: they are the key's punctuation (`{`, `}`), not its secret part,
//   and masking every `}` would destroy the log.
// - Short values (1 to 3 characters). GitHub's runner masks every value wherever it occurs, so a
//   secret `a` turns every `a` of the log into `***`; Kiln will not destroy a log that way, and a
//   value this short protects nothing (it is guessed in a few thousand tries). It is masked where it
//   stands alone as a token (not touching a letter, digit or `_`), which keeps it out of log lines,
//   records and reports in the usual `KEY=value` and `"key": "value"` shapes while `banana` stays
//   `banana` for a secret `a`. Use secrets of at least MIN_SUBSTRING characters.
import { exceedsBytes, MAX_LINE_BYTES, truncateLine } from "./text-limits.js";
export const MASK = "***";
/** Values (and lines of values) at least this long are masked wherever they occur, even inside words. */
export const MIN_SUBSTRING = 4;

const REGEX_SPECIAL = /[.*+?^${}()|[\]\\/]/g;
const escapeRegExp = (text: string) => text.replace(REGEX_SPECIAL, "\\$&");
/** JSON.stringify's escapes without the quotes; the second form also escapes non-ASCII (Python). */
function jsonEscaped(value: string): string[] {
  const plain = JSON.stringify(value).slice(1, -1);
  const ascii = plain.replace(
    /[\u0080-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
  return [plain, ascii];
}

/** Every form of one secret that is masked wherever it occurs (MIN_SUBSTRING characters or more). */
function secretForms(secret: string): string[] {
  const values = new Set([secret, secret.replace(/\r\n/g, "\n"), secret.trim()]);
  for (const line of secret.split(/\r?\n/)) values.add(line.trim());
  const forms = new Set<string>();
  for (const value of values) {
    if (value.length < MIN_SUBSTRING) continue;
    forms.add(value);
    for (const escaped of jsonEscaped(value)) forms.add(escaped);
  }
  return [...forms];
}

export class SecretMasker {
  /** Every form masked as a substring, longest first (so the whole key wins over one of its lines). */
  readonly forms: readonly string[];
  private readonly pattern: RegExp | undefined;

  constructor(secrets: readonly string[]) {
    const forms = new Set<string>();
    const short = new Set<string>();
    for (const secret of secrets) {
      // Blank values hide nothing; masking whitespace would only garble the log.
      if (secret.trim().length === 0) continue;
      if (secret.trim().length < MIN_SUBSTRING && !secret.includes("\n")) short.add(secret.trim());
      else for (const form of secretForms(secret)) forms.add(form);
    }
    this.forms = [...forms].sort((a, b) => b.length - a.length);
    // One alternation: at each position the first (longest) form that matches is replaced.
    const alternatives = this.forms.map(escapeRegExp);
    if (short.size > 0) {
      const tokens = [...short].sort((a, b) => b.length - a.length).map(escapeRegExp);
      alternatives.push(`(?<![\\p{L}\\p{N}_])(?:${tokens.join("|")})(?![\\p{L}\\p{N}_])`);
    }
    this.pattern = alternatives.length > 0 ? new RegExp(alternatives.join("|"), "gu") : undefined;
  }

  mask(text: string): string {
    return this.pattern ? text.replace(this.pattern, MASK) : text;
  }

  /** Masks the keys and string values of a JSON-like value (metric names, messages, log lines). */
  maskDeep<T>(value: T): T {
    if (!this.pattern) return value;
    const walk = (v: unknown): unknown => {
      if (typeof v === "string") return this.mask(v);
      if (Array.isArray(v)) return v.map(walk);
      if (v !== null && typeof v === "object")
        return Object.fromEntries(Object.entries(v).map(([k, inner]) => [this.mask(k), walk(inner)]));
      return v;
    };
    return walk(value) as T;
  }

  /**
   * The forms a masking log service (the Actions runner's `::add-mask::`) must be told about: it
   * masks line by line, so a multi-line value is registered line by line, with its escaped forms.
   */
  registrations(): string[] {
    return this.forms.filter((form) => !form.includes("\n"));
  }
}

/**
 * Cuts a process's output into masked lines. Each stream (stdout, stderr) has its own pending
 * line, so a secret whose line is interrupted by output on the other stream is still whole when
 * its line is masked. A secret printed half on one stream and half on the other (a partial line
 * on one, the rest at the start of a line on the other) is masked across the two as well.
 */
export class OutputMasker {
  private readonly pending = new Map<string, string>();
  /** Streams whose current line passed MAX_LINE_BYTES: the rest of it is dropped. */
  private readonly dropping = new Set<string>();

  constructor(
    private readonly masker: SecretMasker,
    private readonly emit: (line: string) => void,
  ) {}

  /**
   * Splits `chunk` into lines, appending to the stream's partial line. A line longer than
   * MAX_LINE_BYTES is emitted cut, with a note, as soon as it passes the limit, and the rest of it
   * is dropped: memory stays bounded and each chunk is scanned once, not the whole partial line.
   */
  write(stream: string, chunk: string): void {
    let start = 0;
    for (;;) {
      const newline = chunk.indexOf("\n", start);
      let partial = this.pending.get(stream) ?? "";
      if (!this.dropping.has(stream)) {
        partial += chunk.slice(start, newline === -1 ? undefined : newline);
        if (exceedsBytes(partial, MAX_LINE_BYTES)) {
          // Masked before the cut, so a secret that straddles the limit is not left half shown.
          this.pending.set(stream, "");
          this.emit(truncateLine(this.joinAcross(stream, partial), MAX_LINE_BYTES));
          this.dropping.add(stream);
          partial = "";
        }
      }
      if (newline === -1) {
        this.pending.set(stream, partial);
        return;
      }
      this.pending.set(stream, "");
      if (!this.dropping.delete(stream)) this.emit(this.joinAcross(stream, partial.replace(/\r$/, "")));
      start = newline + 1;
    }
  }

  /** Emits what every stream still holds (the step ended without a final newline). */
  end(): void {
    for (const [stream, text] of this.pending)
      if (text) this.emit(this.joinAcross(stream, text.replace(/\r$/, "")));
    this.pending.clear();
    this.dropping.clear();
  }

  /**
   * Masks a line of one stream together with another stream's partial line before it: when a
   * secret starts at the end of the other stream's pending text and ends at the start of this
   * line, both halves become the mask.
   */
  private joinAcross(stream: string, line: string): string {
    for (const [other, partial] of this.pending) {
      if (other === stream || partial === "") continue;
      const joined = this.masker.mask(partial + line);
      if (joined === this.masker.mask(partial) + this.masker.mask(line)) continue;
      const cut = this.splitPoint(partial, line);
      if (cut === undefined) continue;
      this.pending.set(other, `${partial.slice(0, cut.start)}${MASK}`);
      return this.masker.mask(`${MASK}${line.slice(cut.end)}`);
    }
    return this.masker.mask(line);
  }

  /** Where the form spanning `partial|line` starts in `partial` and ends in `line`. */
  private splitPoint(partial: string, line: string): { start: number; end: number } | undefined {
    const joined = partial + line;
    for (const form of this.masker.forms) {
      let at = joined.indexOf(form, Math.max(0, partial.length - form.length + 1));
      while (at !== -1 && at < partial.length) {
        if (at + form.length > partial.length) return { start: at, end: at + form.length - partial.length };
        at = joined.indexOf(form, at + 1);
      }
    }
    return undefined;
  }
}
