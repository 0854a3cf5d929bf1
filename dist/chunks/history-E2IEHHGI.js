import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  historyCommand,
  metricCell,
  metricNamesOf
} from "./chunk-ZEAXTKPA.js";
import "./chunk-NT5MSSAQ.js";
import "./chunk-4BTWH4UN.js";
import "./chunk-NBF2VUI6.js";
import "./chunk-5PH7DB6N.js";
import "./chunk-6HLNJ2UJ.js";
import "./chunk-GNKOAAMJ.js";
import "./chunk-YCJ7GVD5.js";
import "./chunk-LGKMUW6U.js";
import "./chunk-CZZZSMQQ.js";
import "./chunk-YEKUJJCA.js";
import "./chunk-BNVABWUQ.js";
export {
  historyCommand,
  metricCell,
  metricNamesOf
};
