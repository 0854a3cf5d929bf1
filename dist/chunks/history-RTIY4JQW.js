import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  historyCommand,
  metricCell,
  metricNamesOf
} from "./chunk-OHLZCMDA.js";
import "./chunk-NT5MSSAQ.js";
import "./chunk-4BTWH4UN.js";
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
  historyCommand,
  metricCell,
  metricNamesOf
};
