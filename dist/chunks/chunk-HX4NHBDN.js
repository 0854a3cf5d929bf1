import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);

// src/report/escape.ts
var MARKDOWN_ENTITIES = {
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
  $: "&#36;",
  // GitHub renders $…$ as math
  "~": "&#126;",
  "#": "&#35;",
  "@": "&#64;",
  // no accidental @mentions from branch or metric names
  "!": "&#33;"
};
function md(text) {
  return text.replace(/[\r\n\t\u2028\u2029]+/g, " ").replace(/[&<>"'`|\\*[\]$~#@!]/g, (c) => MARKDOWN_ENTITIES[c] ?? c).replace(/(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])/g, "&#95;").replace(/:(?=[\w+-]+:)/g, "&#58;");
}
function fenced(lines, info = "text") {
  const body = lines.map((line) => line.replace(/\r/g, "")).join("\n");
  const longest = Math.max(0, ...[...body.matchAll(/`+|~+/g)].map((m) => m[0].length));
  const fence = "`".repeat(Math.max(3, longest + 1));
  return `${fence}${info}
${body}
${fence}`;
}
function mermaidLabel(text) {
  const escaped = text.replace(/[\r\n\t\u2028\u2029]+/g, " ").replace(/#/g, "#35;").replace(/%/g, "#37;").replace(/\$/g, "#36;").replace(/"/g, "#quot;").replace(/&/g, "#amp;").replace(/</g, "#lt;").replace(/>/g, "#gt;").replace(/`/g, "#96;");
  return `"${escaped}"`;
}
function xychartString(text) {
  return `"${text.replace(/[^A-Za-z0-9 _.,:+\-/()★=]/g, "_").slice(0, 80)}"`;
}
function commentText(text) {
  return text.replace(
    /[%<>!\r\n\u2028\u2029]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`
  );
}
function safeUrl(url) {
  if (!/^https?:\/\//i.test(url)) return void 0;
  return url.replace(
    /[()<>\s"'`|\\[\]]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`
  );
}
function slackText(text) {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");
}
function slackCode(lines) {
  const body = slackText(lines.map((line) => line.replace(/\r/g, "")).join("\n")).replaceAll(
    "```",
    "`\u200B``"
  );
  return `\`\`\`${body}\`\`\``;
}
function mdLink(text, url) {
  const safe = url ? safeUrl(url) : void 0;
  return safe ? `[${md(text)}](${safe})` : void 0;
}
var HTML_ENTITIES = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;"
};
function html(text) {
  return String(text).replace(/[&<>"']/g, (c) => HTML_ENTITIES[c] ?? c);
}
function scriptJson(value) {
  return JSON.stringify(value).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`
  );
}
function terminalText(text) {
  return text.replace(
    /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g,
    (c) => {
      const code = c.charCodeAt(0);
      if (code < 32) return String.fromCharCode(9216 + code);
      if (code === 127) return "\u2421";
      return `<U+${code.toString(16).toUpperCase().padStart(4, "0")}>`;
    }
  );
}
function actionsLogText(text) {
  return text.replace(/^([\s\u0085]*):(?=:)/gmu, "$1:\u200D").replace(/#(?=#\[)/g, "#\u200D");
}
function workflowCommand(name, data) {
  return `::${name}::${data.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A")}
`;
}

export {
  md,
  fenced,
  mermaidLabel,
  xychartString,
  commentText,
  slackText,
  slackCode,
  mdLink,
  html,
  scriptJson,
  terminalText,
  actionsLogText,
  workflowCommand
};
