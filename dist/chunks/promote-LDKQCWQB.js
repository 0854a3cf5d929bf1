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
} from "./chunk-4SS5L666.js";
import "./chunk-XU6IXT4T.js";
import "./chunk-PNMKFYGG.js";
import "./chunk-ONHVZZCI.js";
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
