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
} from "./chunk-IG5A7T73.js";
import "./chunk-NBF2VUI6.js";
import "./chunk-RI7YDQR5.js";
import "./chunk-SJ7RHLPA.js";
import "./chunk-UQC2JWFA.js";
import "./chunk-YCJ7GVD5.js";
import "./chunk-7JO32OS3.js";
import "./chunk-CZZZSMQQ.js";
import "./chunk-O6FM3D6R.js";
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
