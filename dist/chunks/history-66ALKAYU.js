import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  historyCommand,
  metricCell
} from "./chunk-HXBMBSZ3.js";
import "./chunk-NT5MSSAQ.js";
import "./chunk-4BTWH4UN.js";
import "./chunk-RDVON2TM.js";
import "./chunk-JWCO5MI5.js";
import "./chunk-Q5PNH2RI.js";
import "./chunk-TYLAMZFN.js";
import "./chunk-OJF7J3I3.js";
import "./chunk-BTNTUVAR.js";
import "./chunk-SJSYFK5C.js";
import "./chunk-XU6IXT4T.js";
import "./chunk-ND4BC56W.js";
import "./chunk-YT4HA7MX.js";
import "./chunk-MKBDC2EO.js";
import "./chunk-GR2CBACB.js";
import "./chunk-DYEOWQQP.js";
import "./chunk-RIWKUOEQ.js";
import "./chunk-D3TFNCWY.js";
import "./chunk-AIVCXB6U.js";
import "./chunk-VWISJ7BJ.js";
import "./chunk-M5KBEXBO.js";
import "./chunk-FICLRJIW.js";
import "./chunk-BNVABWUQ.js";
export {
  historyCommand,
  metricCell
};
