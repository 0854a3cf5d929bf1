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
} from "./chunk-ERV7C5WJ.js";
import "./chunk-NBF2VUI6.js";
import "./chunk-LP4FLXCN.js";
import "./chunk-QZYZBXMB.js";
import "./chunk-JCNDDBVT.js";
import "./chunk-YCJ7GVD5.js";
import "./chunk-654Z574H.js";
import "./chunk-CZZZSMQQ.js";
import "./chunk-OEDWXBHJ.js";
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
