import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);

// src/ledger/aliases.ts
function replayAliases(events, versions) {
  const holders = /* @__PURE__ */ new Map();
  const effective = [];
  const seen = /* @__PURE__ */ new Set();
  for (const event of events) {
    if (seen.has(event.id)) continue;
    seen.add(event.id);
    if ((holders.get(event.alias) ?? null) !== event.from) continue;
    holders.set(event.alias, event.to);
    effective.push(event);
  }
  const missing = /* @__PURE__ */ new Map();
  for (const [alias, version] of holders)
    if (version !== null && !versions.has(version)) missing.set(alias, version);
  return { effective, missing };
}
function missingHolderDamage(asset, file, missing) {
  return [...missing].map(([alias, version]) => ({
    path: file,
    message: `${alias} names ${asset} v${version}, which has no readable record; promotion of ${asset} stops until it is repaired`,
    fix: `restore v${version}'s record from a backup or the ledger branch's history, or point ${alias} at a good version with \`kiln promote ${asset} vN${alias === "champion" ? "" : ` --alias ${alias}`}\``
  }));
}
function unreadableLineDamage(asset, where, message) {
  return {
    path: where,
    message: `${message}; moves after it may be void, so promotion of ${asset} stops until it is repaired`,
    fix: `restore the line from a backup or the ledger branch's history; if it was a move cut short by a crash, delete it. Then check \`kiln aliases ${asset}\``
  };
}
function aliasHolder(history, alias) {
  return aliasHolders(history).get(alias) ?? null;
}
function promotionMove(history, alias, version) {
  return history.find(
    (e) => e.alias === alias && e.to === version && (e.kind ?? "promotion") === "promotion"
  );
}
function aliasHolders(history) {
  const holders = /* @__PURE__ */ new Map();
  for (const event of history) holders.set(event.alias, event.to);
  const held = /* @__PURE__ */ new Map();
  for (const [alias, version] of holders) if (version !== null) held.set(alias, version);
  return held;
}
function rollbackStack(history, alias) {
  const stack = [];
  for (const event of history) {
    if (event.alias !== alias) continue;
    if (event.to === null) {
      stack.length = 0;
      continue;
    }
    if (event.kind === "rollback") {
      const at = stack.lastIndexOf(event.to);
      if (at >= 0) {
        stack.length = at + 1;
        continue;
      }
    }
    if (stack.at(-1) !== event.to) stack.push(event.to);
  }
  return stack;
}

export {
  replayAliases,
  missingHolderDamage,
  unreadableLineDamage,
  aliasHolder,
  promotionMove,
  aliasHolders,
  rollbackStack
};
