import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  LedgerDamaged,
  aliasTarget,
  completeInterruptedPromotions,
  currentHolder,
  interruptedPromotions,
  promoteCurrentVersion,
  promoteIfBetter,
  rollbackAlias,
  setAlias
} from "./chunk-7RAO5X25.js";
import "./chunk-NBF2VUI6.js";
import "./chunk-BJ5L3M2F.js";
import "./chunk-GQW7IBUO.js";
import "./chunk-5XV5FKB3.js";
import "./chunk-YCJ7GVD5.js";
import "./chunk-GIN4BDKF.js";
import "./chunk-CZZZSMQQ.js";
import "./chunk-YRUJK7RW.js";
import "./chunk-BNVABWUQ.js";
export {
  LedgerDamaged,
  aliasTarget,
  completeInterruptedPromotions,
  currentHolder,
  interruptedPromotions,
  promoteCurrentVersion,
  promoteIfBetter,
  rollbackAlias,
  setAlias
};
