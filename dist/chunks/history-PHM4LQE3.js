import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  historyCommand,
  metricCell
} from "./chunk-UTP4SPX4.js";
import "./chunk-NT5MSSAQ.js";
import "./chunk-4BTWH4UN.js";
import "./chunk-XQVX7YTO.js";
import "./chunk-XU6IXT4T.js";
import "./chunk-55XP6GI6.js";
import "./chunk-YCJ7GVD5.js";
import "./chunk-7AZK427S.js";
import "./chunk-2ORXNN3N.js";
import "./chunk-5G3UPGP5.js";
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
