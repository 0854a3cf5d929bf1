import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  historyCommand,
  metricCell,
  metricNamesOf
} from "./chunk-J3SHZ7SZ.js";
import "./chunk-NT5MSSAQ.js";
import "./chunk-4BTWH4UN.js";
import "./chunk-NBF2VUI6.js";
import "./chunk-BJ5L3M2F.js";
import "./chunk-GQW7IBUO.js";
import "./chunk-5XV5FKB3.js";
import "./chunk-YCJ7GVD5.js";
import "./chunk-GIN4BDKF.js";
import "./chunk-CZZZSMQQ.js";
import "./chunk-YRUJK7RW.js";
import "./chunk-BNVABWUQ.js";
export {
  historyCommand,
  metricCell,
  metricNamesOf
};
