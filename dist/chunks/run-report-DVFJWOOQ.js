import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  buildRunReport,
  movesByRun,
  pipelineFacts,
  writeRunReport
} from "./chunk-QQDHBLCY.js";
import "./chunk-IREVP5BL.js";
import "./chunk-TR7TT3GL.js";
import "./chunk-Y3Y3PR6Y.js";
import "./chunk-RE2KNA6R.js";
import "./chunk-EZKWKBWA.js";
import "./chunk-HX4NHBDN.js";
import "./chunk-NBF2VUI6.js";
import "./chunk-C32IYWJT.js";
import "./chunk-URWLTY5I.js";
import "./chunk-LS3573BM.js";
import "./chunk-YCJ7GVD5.js";
import "./chunk-V5O3HVTF.js";
import "./chunk-CZZZSMQQ.js";
import "./chunk-ZJE3KEHC.js";
import "./chunk-BNVABWUQ.js";
export {
  buildRunReport,
  movesByRun,
  pipelineFacts,
  writeRunReport
};
