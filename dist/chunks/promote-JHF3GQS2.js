import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  LedgerDamaged,
  completeInterruptedPromotions,
  currentHolder,
  interruptedPromotions,
  promoteCurrentVersion,
  promoteIfBetter,
  rollbackAlias,
  setAlias
} from "./chunk-YEUBEF2N.js";
import "./chunk-XU6IXT4T.js";
import "./chunk-PNMKFYGG.js";
import "./chunk-LXDUWDU6.js";
import "./chunk-DYEOWQQP.js";
import "./chunk-BNVABWUQ.js";
export {
  LedgerDamaged,
  completeInterruptedPromotions,
  currentHolder,
  interruptedPromotions,
  promoteCurrentVersion,
  promoteIfBetter,
  rollbackAlias,
  setAlias
};
