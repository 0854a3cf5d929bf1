import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  historyCommand,
  metricCell,
  metricNamesOf
} from "./chunk-K6RQCLJF.js";
import "./chunk-NT5MSSAQ.js";
import "./chunk-4BTWH4UN.js";
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
  historyCommand,
  metricCell,
  metricNamesOf
};
