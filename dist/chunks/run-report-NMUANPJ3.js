import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  buildRunReport,
  movesByRun,
  pipelineFacts,
  writeRunReport
} from "./chunk-CJEAS2NZ.js";
import "./chunk-E6ETXBKC.js";
import "./chunk-CAVOGHJ2.js";
import "./chunk-Y3Y3PR6Y.js";
import "./chunk-RE2KNA6R.js";
import "./chunk-EZKWKBWA.js";
import "./chunk-HX4NHBDN.js";
import "./chunk-NBF2VUI6.js";
import "./chunk-E7VF6EEA.js";
import "./chunk-CVFTVLUI.js";
import "./chunk-YJUY5MZT.js";
import "./chunk-YCJ7GVD5.js";
import "./chunk-OAUXH6FU.js";
import "./chunk-CZZZSMQQ.js";
import "./chunk-DQNGLDMZ.js";
import "./chunk-BNVABWUQ.js";
export {
  buildRunReport,
  movesByRun,
  pipelineFacts,
  writeRunReport
};
