import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  historyCommand,
  metricCell
} from "./chunk-5WJP7FN3.js";
import "./chunk-NT5MSSAQ.js";
import "./chunk-4BTWH4UN.js";
import "./chunk-X7KQ3M2U.js";
import "./chunk-3UDWRQ3H.js";
import "./chunk-45EAAGLA.js";
import "./chunk-TYLAMZFN.js";
import "./chunk-OJF7J3I3.js";
import "./chunk-BTNTUVAR.js";
import "./chunk-SJSYFK5C.js";
import "./chunk-XU6IXT4T.js";
import "./chunk-ND4BC56W.js";
import "./chunk-YT4HA7MX.js";
import "./chunk-OR54S3NR.js";
import "./chunk-GR2CBACB.js";
import "./chunk-DYEOWQQP.js";
import "./chunk-KHGLBRQU.js";
import "./chunk-D3TFNCWY.js";
import "./chunk-AIVCXB6U.js";
import "./chunk-VWISJ7BJ.js";
import "./chunk-4B7MXGXP.js";
import "./chunk-FICLRJIW.js";
import "./chunk-BNVABWUQ.js";
export {
  historyCommand,
  metricCell
};
