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
} from "./chunk-47SLNWDF.js";
import "./chunk-NBF2VUI6.js";
import "./chunk-L4MXYP3I.js";
import "./chunk-XEW6LXR3.js";
import "./chunk-Q32FNUT7.js";
import "./chunk-YCJ7GVD5.js";
import "./chunk-MAZFEA56.js";
import "./chunk-CZZZSMQQ.js";
import "./chunk-RILXW7YF.js";
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
