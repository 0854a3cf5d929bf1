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
} from "./chunk-5ZXKZVU6.js";
import "./chunk-NBF2VUI6.js";
import "./chunk-CA7XIJ7F.js";
import "./chunk-5PIUBXJB.js";
import "./chunk-EUMYCSFZ.js";
import "./chunk-YCJ7GVD5.js";
import "./chunk-IPIKQYZ5.js";
import "./chunk-CZZZSMQQ.js";
import "./chunk-DGKO7IAC.js";
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
