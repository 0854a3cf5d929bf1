// Escaping for everything that comes from outside Kiln's own text: names from the manifest, metric
// names from training scripts, branch names, PR titles, log tails. Each output context has its own
// rules, so each has its own function; a report never pastes input into Markdown unescaped.

const MARKDOWN_ENTITIES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
  "`": "&#96;",
  "|": "&#124;",
  "\\": "&#92;",
  "*": "&#42;",
  "[": "&#91;",
  "]": "&#93;",
  $: "&#36;", // GitHub renders $…$ as math
  "~": "&#126;",
  "#": "&#35;",
  "@": "&#64;", // no accidental @mentions from branch or metric names
  "!": "&#33;",
};

/**
 * Inline text for Markdown, table cells and HTML (`<summary>`): HTML entities work in all three, so
 * one function serves them; newlines become spaces so a value cannot break a table row or a line.
 * `_` is kept between word characters (`val_loss`), where GFM never reads it as emphasis.
 */
export function md(text: string): string {
  return (
    text
      .replace(/[\r\n\t\u2028\u2029]+/g, " ")
      .replace(/[&<>"'`|\\*[\]$~#@!]/g, (c) => MARKDOWN_ENTITIES[c] ?? c)
      .replace(/(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])/g, "&#95;")
      // `:name:` would turn into an emoji: break the opening colon of anything shaped like one.
      .replace(/:(?=[\w+-]+:)/g, "&#58;")
  );
}

/**
 * A fenced code block whose fence is longer than any backtick run inside, so no line of a log tail
 * can close it; Markdown and HTML inside a fence are shown as typed.
 */
export function fenced(lines: readonly string[], info = "text"): string {
  const body = lines.map((line) => line.replace(/\r/g, "")).join("\n");
  const longest = Math.max(0, ...[...body.matchAll(/`+|~+/g)].map((m) => m[0].length));
  const fence = "`".repeat(Math.max(3, longest + 1));
  return `${fence}${info}\n${body}\n${fence}`;
}

/**
 * A quoted Mermaid flowchart label. Mermaid decodes `#name;` and `#35;` entity codes inside labels,
 * so quotes, `#`, angle brackets and backticks are written that way; a `]]` or `-->` inside quotes
 * stays text. Backticks also matter because three at a line start would end the ```mermaid fence.
 */
export function mermaidLabel(text: string): string {
  const escaped = text
    .replace(/[\r\n\t\u2028\u2029]+/g, " ")
    .replace(/#/g, "#35;")
    // `%%{…}%%` is a Mermaid directive wherever it appears, even inside a label; `$$` starts KaTeX.
    .replace(/%/g, "#37;")
    .replace(/\$/g, "#36;")
    .replace(/"/g, "#quot;")
    .replace(/&/g, "#amp;")
    .replace(/</g, "#lt;")
    .replace(/>/g, "#gt;")
    .replace(/`/g, "#96;");
  return `"${escaped}"`;
}

/**
 * A quoted string in an `xychart-beta` (title, axis labels). Its grammar takes `"[^"]*"` and decodes
 * no entities, so anything outside a plain set becomes `_`: the label stays data, never syntax.
 */
export function xychartString(text: string): string {
  return `"${text.replace(/[^A-Za-z0-9 _.,:+\-/()★=]/g, "_").slice(0, 80)}"`;
}

/**
 * The body of an HTML comment: `>` (and so `-->`, `--!>`) cannot appear, nor newlines, so input
 * cannot close the comment early. Percent-encoding keeps the marker comparable as plain text.
 */
export function commentText(text: string): string {
  return text.replace(
    /[%<>!\r\n\u2028\u2029]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`,
  );
}

/** A URL for a Markdown link target: only http(s), with characters that would end `(...)` encoded. */
export function safeUrl(url: string): string | undefined {
  if (!/^https?:\/\//i.test(url)) return undefined;
  return url.replace(
    /[()<>\s"'`|\\[\]]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`,
  );
}

/**
 * Text inside Slack `mrkdwn` (and the notification `text`): Slack reads `&`, `<` and `>` as markup
 * (`<url|label>`, `<!channel>`, `<@U123>`), so exactly those three become entities; newlines are
 * kept, Slack shows them as line breaks. `*_~` formatting needs word boundaries and is harmless.
 */
export function slackText(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");
}

/**
 * A Slack mrkdwn code block. Slack has no longer fences and no escape inside one, so a ``` in the
 * lines is broken with a zero-width space; `&<>` are still decoded there, so they are escaped.
 */
export function slackCode(lines: readonly string[]): string {
  const body = slackText(lines.map((line) => line.replace(/\r/g, "")).join("\n")).replaceAll(
    "```",
    "`\u200b``",
  );
  return `\`\`\`${body}\`\`\``;
}

/** A Markdown link with escaped text, or undefined when the URL is absent or not http(s). */
export function mdLink(text: string, url: string | undefined): string | undefined {
  const safe = url ? safeUrl(url) : undefined;
  return safe ? `[${md(text)}](${safe})` : undefined;
}

const HTML_ENTITIES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/** Text or a quoted attribute value in HTML (the history site): markup in a record stays text. */
export function html(text: string | number): string {
  return String(text).replace(/[&<>"']/g, (c) => HTML_ENTITIES[c] ?? c);
}

/**
 * JSON that is safe inside an HTML `<script>` element and as a JavaScript expression: `<`, `>` and
 * `&` become `\u` escapes so `</script>` or `<!--` in a record cannot end the element, and U+2028/9
 * are escaped for older JavaScript parsers.
 */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

/**
 * Text for a terminal. A metric name, a log line or a branch name can hold escape sequences that
 * recolour the screen, move the cursor, rewrite the window title or forge a hyperlink (ANSI CSI,
 * OSC 8), or a bidirectional override that makes text read differently from what it is. Every
 * control character except newline and tab is shown as a visible stand-in instead: C0 and DEL as
 * their Unicode control pictures (ESC becomes ␛), C1 and bidi controls as `<U+XXXX>`.
 */
export function terminalText(text: string): string {
  return text.replace(
    /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g,
    (c) => {
      const code = c.charCodeAt(0);
      if (code < 0x20) return String.fromCharCode(0x2400 + code);
      if (code === 0x7f) return "\u2421";
      return `<U+${code.toString(16).toUpperCase().padStart(4, "0")}>`;
    },
  );
}

/**
 * Text for a GitHub Actions log line. The runner acts on a line that starts with `::name` after
 * leading white space, and on `##[name` anywhere in a line (the legacy syntax), so a step's output,
 * a metric name or an error quoting input could otherwise mask values, stop command processing or
 * forge annotations and groups (actions/runner, ActionCommand.cs). A zero-width joiner between the
 * two characters keeps the text readable and makes it no command. Kiln's own commands are issued
 * apart from this text (the action's core calls, the CLI's `workflowCommand`).
 */
export function actionsLogText(text: string): string {
  return text.replace(/^([\s\u0085]*):(?=:)/gmu, "$1:\u200d").replace(/#(?=#\[)/g, "#\u200d");
}

/**
 * One of Kiln's own workflow commands (`::group::title`), its data escaped as @actions/core does
 * (`%`, CR and LF), so a title cannot end the command line and start another.
 */
export function workflowCommand(name: string, data: string): string {
  return `::${name}::${data.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A")}\n`;
}
