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
} from "./chunk-5DLV4SC3.js";
import "./chunk-GBUOALCZ.js";
import "./chunk-5ISJBJHQ.js";
import "./chunk-LNR3NHP4.js";
import "./chunk-G5NLNBS4.js";
import "./chunk-YCJ7GVD5.js";
import "./chunk-LXDUWDU6.js";
import "./chunk-CZZZSMQQ.js";
import "./chunk-4IANUJQ2.js";
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
