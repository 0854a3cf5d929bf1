import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  COMMENT_FILE,
  REPORT_ARTIFACT,
  factsFromLedger,
  reportAction
} from "./chunk-D3ZUZEHC.js";
import "./chunk-F64WVDDV.js";
import "./chunk-3LKAVOXN.js";
import "./chunk-5O2X64HE.js";
import "./chunk-CD7XEBUR.js";
import "./chunk-UAGQV5RG.js";
import "./chunk-35OV54A3.js";
import "./chunk-LURBCDAL.js";
import "./chunk-B5WE5TBG.js";
import "./chunk-ADJN46VT.js";
import "./chunk-3EVHPUE2.js";
export {
  COMMENT_FILE,
  REPORT_ARTIFACT,
  factsFromLedger,
  reportAction
};
