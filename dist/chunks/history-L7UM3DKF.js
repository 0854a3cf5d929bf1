import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  historyCommand,
  metricCell
} from "./chunk-ILBM7DA5.js";
import "./chunk-NT5MSSAQ.js";
import "./chunk-4BTWH4UN.js";
import "./chunk-D63PQ4RB.js";
import "./chunk-XU6IXT4T.js";
import "./chunk-RHEN5QSW.js";
import "./chunk-YCJ7GVD5.js";
import "./chunk-YE6CBXGQ.js";
import "./chunk-WIFSPINL.js";
import "./chunk-PNMKFYGG.js";
import "./chunk-P34CEENB.js";
import "./chunk-VXUOW7BF.js";
import "./chunk-BUD566VL.js";
import "./chunk-7CZ7Y2OC.js";
import "./chunk-LXDUWDU6.js";
import "./chunk-GR2CBACB.js";
import "./chunk-DYEOWQQP.js";
import "./chunk-LZV4TYKF.js";
import "./chunk-BOWR73ZZ.js";
import "./chunk-IL3SHYLP.js";
import "./chunk-H2WSXFTE.js";
import "./chunk-LR43NXA7.js";
import "./chunk-FICLRJIW.js";
import "./chunk-BNVABWUQ.js";
export {
  historyCommand,
  metricCell
};
