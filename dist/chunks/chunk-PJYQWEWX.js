import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);

// src/domain/text-limits.ts
var MAX_LINE_BYTES = 64 * 1024;
var MAX_TAIL_LINE_BYTES = 2e3;
function truncateLine(text, limit) {
  if (text.length <= limit / 3 || Buffer.byteLength(text) <= limit) return text;
  const cut = Buffer.from(text.slice(0, limit)).subarray(0, limit).toString("utf8").replace(/\uFFFD$/, "");
  return `${cut} \u2026 [line truncated at ${limit} bytes]`;
}
function exceedsBytes(text, limit) {
  return text.length > limit / 3 && Buffer.byteLength(text) > limit;
}

// src/domain/secret-mask.ts
var MASK = "***";
var MIN_SUBSTRING = 4;
var REGEX_SPECIAL = /[.*+?^${}()|[\]\\/]/g;
var escapeRegExp = (text) => text.replace(REGEX_SPECIAL, "\\$&");
function jsonEscaped(value) {
  const plain = JSON.stringify(value).slice(1, -1);
  const ascii = plain.replace(
    /[\u0080-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`
  );
  return [plain, ascii];
}
function secretForms(secret) {
  const values = /* @__PURE__ */ new Set([secret, secret.replace(/\r\n/g, "\n"), secret.trim()]);
  for (const line of secret.split(/\r?\n/)) values.add(line.trim());
  const forms = /* @__PURE__ */ new Set();
  for (const value of values) {
    if (value.length < MIN_SUBSTRING) continue;
    forms.add(value);
    for (const escaped of jsonEscaped(value)) forms.add(escaped);
  }
  return [...forms];
}
var SecretMasker = class {
  /** Every form masked as a substring, longest first (so the whole key wins over one of its lines). */
  forms;
  pattern;
  constructor(secrets) {
    const forms = /* @__PURE__ */ new Set();
    const short = /* @__PURE__ */ new Set();
    for (const secret of secrets) {
      if (secret.trim().length === 0) continue;
      if (secret.trim().length < MIN_SUBSTRING && !secret.includes("\n")) short.add(secret.trim());
      else for (const form of secretForms(secret)) forms.add(form);
    }
    this.forms = [...forms].sort((a, b) => b.length - a.length);
    const alternatives = this.forms.map(escapeRegExp);
    if (short.size > 0) {
      const tokens = [...short].sort((a, b) => b.length - a.length).map(escapeRegExp);
      alternatives.push(`(?<![\\p{L}\\p{N}_])(?:${tokens.join("|")})(?![\\p{L}\\p{N}_])`);
    }
    this.pattern = alternatives.length > 0 ? new RegExp(alternatives.join("|"), "gu") : void 0;
  }
  mask(text) {
    return this.pattern ? text.replace(this.pattern, MASK) : text;
  }
  /** Masks the keys and string values of a JSON-like value (metric names, messages, log lines). */
  maskDeep(value) {
    if (!this.pattern) return value;
    const walk = (v) => {
      if (typeof v === "string") return this.mask(v);
      if (Array.isArray(v)) return v.map(walk);
      if (v !== null && typeof v === "object")
        return Object.fromEntries(Object.entries(v).map(([k, inner]) => [this.mask(k), walk(inner)]));
      return v;
    };
    return walk(value);
  }
  /**
   * The forms a masking log service (the Actions runner's `::add-mask::`) must be told about: it
   * masks line by line, so a multi-line value is registered line by line, with its escaped forms.
   */
  registrations() {
    return this.forms.filter((form) => !form.includes("\n"));
  }
};
var OutputMasker = class {
  constructor(masker, emit) {
    this.masker = masker;
    this.emit = emit;
  }
  masker;
  emit;
  pending = /* @__PURE__ */ new Map();
  /** Streams whose current line passed MAX_LINE_BYTES: the rest of it is dropped. */
  dropping = /* @__PURE__ */ new Set();
  /**
   * Splits `chunk` into lines, appending to the stream's partial line. A line longer than
   * MAX_LINE_BYTES is emitted cut, with a note, as soon as it passes the limit, and the rest of it
   * is dropped: memory stays bounded and each chunk is scanned once, not the whole partial line.
   */
  write(stream, chunk) {
    let start = 0;
    for (; ; ) {
      const newline = chunk.indexOf("\n", start);
      let partial = this.pending.get(stream) ?? "";
      if (!this.dropping.has(stream)) {
        partial += chunk.slice(start, newline === -1 ? void 0 : newline);
        if (exceedsBytes(partial, MAX_LINE_BYTES)) {
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
  end() {
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
  joinAcross(stream, line) {
    for (const [other, partial] of this.pending) {
      if (other === stream || partial === "") continue;
      const joined = this.masker.mask(partial + line);
      if (joined === this.masker.mask(partial) + this.masker.mask(line)) continue;
      const cut = this.splitPoint(partial, line);
      if (cut === void 0) continue;
      this.pending.set(other, `${partial.slice(0, cut.start)}${MASK}`);
      return this.masker.mask(`${MASK}${line.slice(cut.end)}`);
    }
    return this.masker.mask(line);
  }
  /** Where the form spanning `partial|line` starts in `partial` and ends in `line`. */
  splitPoint(partial, line) {
    const joined = partial + line;
    for (const form of this.masker.forms) {
      let at = joined.indexOf(form, Math.max(0, partial.length - form.length + 1));
      while (at !== -1 && at < partial.length) {
        if (at + form.length > partial.length) return { start: at, end: at + form.length - partial.length };
        at = joined.indexOf(form, at + 1);
      }
    }
    return void 0;
  }
};

export {
  MAX_TAIL_LINE_BYTES,
  truncateLine,
  SecretMasker,
  OutputMasker
};
