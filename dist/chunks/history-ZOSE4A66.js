import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  historyCommand,
  metricCell
} from "./chunk-ZFW4OCVV.js";
import "./chunk-NT5MSSAQ.js";
import "./chunk-4BTWH4UN.js";
import "./chunk-FUNXED6E.js";
import "./chunk-XU6IXT4T.js";
import "./chunk-Z6GHXJ7E.js";
import "./chunk-YCJ7GVD5.js";
import "./chunk-IQZCC5QI.js";
import "./chunk-2ORXNN3N.js";
import "./chunk-WJ23MGPZ.js";
import "./chunk-PNMKFYGG.js";
import "./chunk-SJSYFK5C.js";
import "./chunk-YT4HA7MX.js";
import "./chunk-MKBDC2EO.js";
import "./chunk-GR2CBACB.js";
import "./chunk-DYEOWQQP.js";
import "./chunk-4GBBVUZ5.js";
import "./chunk-CUKADIWB.js";
import "./chunk-AIVCXB6U.js";
import "./chunk-5GPDRZ7E.js";
import "./chunk-7ZESNWQR.js";
import "./chunk-VXXK3PCW.js";
import "./chunk-FICLRJIW.js";
import "./chunk-BNVABWUQ.js";
export {
  historyCommand,
  metricCell
};
