import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  headLogOf
} from "./chunk-WIFSPINL.js";

// src/ledger/run-view.ts
var Answers = class {
  byAsset = /* @__PURE__ */ new Map();
  get(asset, key, read) {
    let answers = this.byAsset.get(asset);
    if (!answers) {
      answers = /* @__PURE__ */ new Map();
      this.byAsset.set(asset, answers);
    }
    let answer = answers.get(key);
    if (!answer) {
      answer = read();
      answers.set(key, answer);
      answer.catch(() => {
        if (answers.get(key) === answer) answers.delete(key);
      });
    }
    return answer;
  }
  drop(asset) {
    this.byAsset.delete(asset);
  }
  clear() {
    this.byAsset.clear();
  }
};
var RunLedgerView = class {
  constructor(inner) {
    this.inner = inner;
    this.description = inner.description;
  }
  inner;
  description;
  heads_ = new Answers();
  headLogs = new Answers();
  records = new Answers();
  record = new Answers();
  intact = new Answers();
  failures_ = new Answers();
  aliases = new Answers();
  locations_ = new Answers();
  cursors = new Answers();
  /**
   * The assets with an alias history when the run first asked (ledgers that can list them): the
   * others have none to read, so a report of thousands of assets asks the disk once, not once per
   * asset. An asset this run moves an alias of is read as usual from then on.
   */
  aliased;
  movedAliases = /* @__PURE__ */ new Set();
  // ---- reads, each made once per run ----
  async heads(asset) {
    return [...await this.heads_.get(asset, "", () => this.inner.heads(asset))];
  }
  /** Kept like the heads: a HeadLog parses each head once, whoever asks for it. */
  headLog(asset) {
    return this.headLogs.get(asset, "", () => headLogOf(this.inner, asset));
  }
  async materializations(asset) {
    return [...await this.records.get(asset, "", () => this.inner.materializations(asset))];
  }
  materialization(asset, version) {
    return this.record.get(asset, String(version), () => this.inner.materialization(asset, version));
  }
  /**
   * Passed on, so a run checks the records it does not use whole the way status does (the local
   * ledger only hashes bytes it found intact before); a ledger without it reads the record.
   */
  recordIntact(asset, version) {
    return this.intact.get(
      asset,
      String(version),
      () => this.inner.recordIntact ? this.inner.recordIntact(asset, version) : this.materialization(asset, version).then((r) => r !== void 0)
    );
  }
  /** Not kept: a series can be long, and only a report of what the run built reads it, once. */
  series(record) {
    return this.inner.series(record);
  }
  async failures(asset) {
    return [...await this.failures_.get(asset, "", () => this.inner.failures(asset))];
  }
  async aliasState(asset) {
    if (this.inner.aliasedAssets && !this.movedAliases.has(asset)) {
      this.aliased ??= this.inner.aliasedAssets().catch(() => void 0);
      const aliased = await this.aliased;
      if (aliased && !aliased.has(asset)) return { history: [], damage: [] };
    }
    const { history, damage } = await this.aliases.get(asset, "", () => this.inner.aliasState(asset));
    return { history: [...history], damage: [...damage] };
  }
  async aliasHistory(asset) {
    return (await this.aliasState(asset)).history;
  }
  async locations(asset, version) {
    return [
      ...await this.locations_.get(asset, String(version), () => this.inner.locations(asset, version))
    ];
  }
  readCursor(scope) {
    return this.cursors.get(scope, "", () => this.inner.readCursor(scope));
  }
  problems() {
    return this.inner.problems();
  }
  // ---- writes, each dropping what it changes ----
  async recordMaterialization(record) {
    try {
      return await this.inner.recordMaterialization(record);
    } finally {
      this.dropAsset(record.asset);
    }
  }
  async recordFailure(record) {
    try {
      return await this.inner.recordFailure(record);
    } finally {
      this.failures_.drop(record.asset);
    }
  }
  refreshAliases(asset) {
    this.movedAliases.add(asset);
    this.aliases.drop(asset);
    this.inner.refreshAliases?.(asset);
  }
  async moveAlias(event) {
    this.movedAliases.add(event.asset);
    try {
      return await this.inner.moveAlias(event);
    } finally {
      this.aliases.drop(event.asset);
    }
  }
  async addLocations(asset, version, locations) {
    try {
      await this.inner.addLocations(asset, version, locations);
    } finally {
      this.locations_.drop(asset);
    }
  }
  async writeCursor(state) {
    try {
      await this.inner.writeCursor(state);
    } finally {
      this.cursors.drop(state.scope);
    }
  }
  /** Reads what others wrote since: the backend refreshes, and every kept answer is dropped. */
  async refresh() {
    await this.inner.refresh?.();
    for (const answers of [
      this.heads_,
      this.headLogs,
      this.records,
      this.record,
      this.intact,
      this.failures_,
      this.aliases,
      this.locations_,
      this.cursors
    ])
      answers.clear();
    this.aliased = void 0;
  }
  dropAsset(asset) {
    this.heads_.drop(asset);
    this.headLogs.drop(asset);
    this.records.drop(asset);
    this.record.drop(asset);
    this.intact.drop(asset);
    this.aliases.drop(asset);
  }
};
function runLedgerView(ledger) {
  return ledger instanceof RunLedgerView ? ledger : new RunLedgerView(ledger);
}

export {
  RunLedgerView,
  runLedgerView
};
