import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  COMMENT_FILE,
  REPORT_ARTIFACT,
  factsFromLedger,
  reportAction
} from "./chunk-SJHJWYHV.js";
import "./chunk-X3VE4F3N.js";
import "./chunk-UQHWQHZ2.js";
import "./chunk-2U6G3I2Z.js";
import "./chunk-7CTAUTOL.js";
import "./chunk-W5N26J47.js";
import "./chunk-LB7XCPAB.js";
import "./chunk-JCCFVTUR.js";
import "./chunk-HFXPLHPA.js";
import "./chunk-MQZFNPRV.js";
import "./chunk-6WN3HHY5.js";
import "./chunk-XVUXVL3V.js";
import "./chunk-7N3FU4S7.js";
import "./chunk-NQZ75PGO.js";
import "./chunk-OB4SRQCA.js";
import "./chunk-I37YDDTI.js";
import "./chunk-OU24UHTD.js";
import "./chunk-KQMT43CC.js";
import "./chunk-5KQUMPKL.js";
import "./chunk-VWF25RF4.js";
import "./chunk-P7TQORRK.js";
import "./chunk-UCHM4ZJX.js";
import "./chunk-NRD5VI7B.js";
import "./chunk-CX3NDJYI.js";
import "./chunk-GW6L3DRJ.js";
import "./chunk-F56UX6DJ.js";
import "./chunk-JKHZKIAG.js";
import "./chunk-E4MQVDXR.js";
import "./chunk-XWO3MBIM.js";
import "./chunk-NKEEGYDI.js";
import "./chunk-QDXV5WE7.js";
import "./chunk-NF4SADUS.js";
export {
  COMMENT_FILE,
  REPORT_ARTIFACT,
  factsFromLedger,
  reportAction
};
