/// <reference lib="dom" />
// DOM building for the site's browser code. Every value from a record goes in as a text node or an
// attribute value through the DOM API, never as markup, so a record cannot inject HTML here.
import type { NotFinite } from "../../domain/records.js";
import { formatDuration, formatNotFinite, formatNumber } from "../../report/format.js";
import { assetOf, DATA_CALLBACK, notFiniteTitle, SITE_KEY } from "../data.js";

type Child = Node | string | number | null | undefined | false;

export function h(
  tag: string,
  attrs: Record<string, string | number | boolean | undefined> = {},
  ...children: (Child | Child[])[]
): HTMLElement {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    el.setAttribute(name, value === true ? "" : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

/** Replaces an element's content; null, undefined and false children are skipped. */
export function fill(el: HTMLElement, ...children: (Child | Child[])[]): void {
  el.replaceChildren(...h("div", {}, ...children).childNodes);
}

/** A link only for http(s) URLs; anything else is shown as text. */
export function external(url: string | undefined, label: string): Node {
  if (!url || !/^https?:\/\//i.test(url)) return document.createTextNode(label);
  return h("a", { href: url, rel: "noopener" }, label);
}

export function num(value: number | undefined | null): string {
  return value === undefined || value === null ? "–" : formatNumber(value);
}

/** A metric's value as layout.ts's `metric` writes it: NaN or ±Infinity marked, never a blank. */
export function metricValue(value: number | undefined | null, notFinite?: NotFinite): Node | string {
  if ((value === undefined || value === null) && notFinite !== undefined)
    return h("span", { class: "bad", title: notFiniteTitle(notFinite) }, formatNotFinite(notFinite));
  return num(value);
}

export function dur(ms: number): string {
  return formatDuration(ms);
}

/** `2026-11-23 14:05 UTC`; without the zone in a column whose header says UTC. */
export function time(iso: string | undefined, zone = true): Node {
  if (!iso) return document.createTextNode("–");
  return h("time", { datetime: iso }, `${iso.replace("T", " ").slice(0, 16)}${zone ? " UTC" : ""}`);
}

/** A table with a caption (read by screen readers), column headers and row headers in column 0. */
export function table(
  caption: string,
  head: string[],
  rows: Child[][],
  options: { visibleCaption?: boolean } = {},
) {
  return h(
    "div",
    { class: "table-wrap" },
    h(
      "table",
      {},
      h("caption", options.visibleCaption ? {} : { class: "sr-only" }, caption),
      h(
        "thead",
        {},
        h(
          "tr",
          {},
          head.map((c) => h("th", { scope: "col" }, c)),
        ),
      ),
      h(
        "tbody",
        {},
        rows.map((cells) =>
          h(
            "tr",
            {},
            cells.map((c, i) => (i === 0 ? h("th", { scope: "row" }, c) : h("td", {}, c))),
          ),
        ),
      ),
    ),
  );
}

export function section(id: string, title: string, ...children: (Child | Child[])[]): HTMLElement {
  return h("section", { "aria-labelledby": id }, h("h2", { id }, title), ...children);
}

export function badge(status: string): HTMLElement {
  return h("span", { class: `badge s-${status}` }, status);
}

/** The site root relative to this page, from `<body data-root>`. */
export function root(): string {
  return document.body.dataset.root ?? "";
}

export function assetLink(asset: string, label: Child = assetOf(asset)): HTMLElement {
  return h("a", { href: `${root()}assets/${asset}.html` }, label);
}

export function versionLink(asset: string, version: number, label: Child = `v${version}`): HTMLElement {
  return h("a", { href: `${root()}version.html?asset=${asset}&v=${version}` }, label);
}

const registry = new Map<string, unknown>();
const pending = new Map<string, Promise<unknown>>();
(globalThis as unknown as Record<string, unknown>)[DATA_CALLBACK] = (key: string, value: unknown) => {
  registry.set(key, value);
};

/**
 * Loads `data/<asset>/<file>.js` with a script element: fetch() of file:// URLs is blocked in
 * Chromium, while a classic script loads from file:// and from a web server alike.
 */
export function loadData<T>(asset: string, file: string): Promise<T> {
  if (!SITE_KEY.test(asset)) return Promise.reject(new Error(`"${asset}" is not an asset of this site`));
  const key = `${asset}/${file}`;
  let promise = pending.get(key);
  if (!promise) {
    promise = new Promise((resolve, reject) => {
      const script = document.createElement("script");
      script.src = `${root()}data/${key}.js`;
      script.onload = () =>
        registry.has(key) ? resolve(registry.get(key)) : reject(new Error(`data/${key}.js holds no data`));
      script.onerror = () =>
        reject(new Error(`data/${key}.js could not be loaded (unknown asset or version?)`));
      document.head.append(script);
    });
    pending.set(key, promise);
  }
  return promise as Promise<T>;
}

export function params(): URLSearchParams {
  return new URLSearchParams(location.search);
}
