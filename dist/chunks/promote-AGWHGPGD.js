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
} from "./chunk-SD7GPCSD.js";
import "./chunk-NBF2VUI6.js";
import "./chunk-5PH7DB6N.js";
import "./chunk-6HLNJ2UJ.js";
import "./chunk-GNKOAAMJ.js";
import "./chunk-YCJ7GVD5.js";
import "./chunk-LGKMUW6U.js";
import "./chunk-CZZZSMQQ.js";
import "./chunk-YEKUJJCA.js";
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
