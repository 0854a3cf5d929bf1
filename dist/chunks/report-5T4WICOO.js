import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  BUDGET_BYTES,
  findMergeBaseRecord,
  mergeBaseRecord,
  renderReport
} from "./chunk-4V2T4QPR.js";
import {
  lttb,
  lttbIndices
} from "./chunk-Y3Y3PR6Y.js";
import "./chunk-RE2KNA6R.js";
import "./chunk-EZKWKBWA.js";
import "./chunk-HX4NHBDN.js";
import "./chunk-NBF2VUI6.js";
import "./chunk-VJWJWU3G.js";
import "./chunk-SMDWKKKP.js";
import "./chunk-LUARMNX5.js";
import "./chunk-YCJ7GVD5.js";
import "./chunk-ARWKM4FO.js";
import "./chunk-CZZZSMQQ.js";
import "./chunk-VJS4E4N4.js";
import "./chunk-BNVABWUQ.js";
export {
  BUDGET_BYTES,
  findMergeBaseRecord,
  lttb,
  lttbIndices,
  mergeBaseRecord,
  renderReport
};
