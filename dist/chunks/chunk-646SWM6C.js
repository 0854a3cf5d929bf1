import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  UserError
} from "./chunk-DQNGLDMZ.js";

// src/ledger/ledger.ts
var LedgerWriteDenied = class extends UserError {
  constructor(message) {
    super(message);
    this.name = "LedgerWriteDenied";
  }
};
var LedgerStateError = class extends UserError {
  constructor(message, where, fix) {
    super(message, `${fix} (\`kiln doctor\` checks the whole ledger)`);
    this.where = where;
    this.fix = fix;
    this.name = "LedgerStateError";
  }
  where;
  fix;
};

export {
  LedgerWriteDenied,
  LedgerStateError
};
