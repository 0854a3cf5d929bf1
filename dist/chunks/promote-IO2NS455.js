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
  setAlias,
  trainedWhere
} from "./chunk-NPRWSSVT.js";
import "./chunk-NBF2VUI6.js";
import "./chunk-VJWJWU3G.js";
import "./chunk-SMDWKKKP.js";
import "./chunk-LUARMNX5.js";
import "./chunk-YCJ7GVD5.js";
import "./chunk-ARWKM4FO.js";
import "./chunk-CZZZSMQQ.js";
import "./chunk-VJS4E4N4.js";
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
  setAlias,
  trainedWhere
};
