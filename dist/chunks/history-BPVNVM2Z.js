import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  historyCommand,
  metricCell,
  metricNamesOf
} from "./chunk-RZJNRGQV.js";
import "./chunk-NT5MSSAQ.js";
import "./chunk-4BTWH4UN.js";
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
  historyCommand,
  metricCell,
  metricNamesOf
};
