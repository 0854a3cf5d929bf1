import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  COMMENT_FILE,
  REPORT_ARTIFACT,
  factsFromLedger,
  reportAction
} from "./chunk-P3C2RC3E.js";
import "./chunk-X3VE4F3N.js";
import "./chunk-UQHWQHZ2.js";
import "./chunk-2U6G3I2Z.js";
import "./chunk-7CTAUTOL.js";
import "./chunk-MK7IDHAT.js";
import "./chunk-K5VFNJPY.js";
import "./chunk-JCCFVTUR.js";
import "./chunk-F2NNYHNK.js";
import "./chunk-MQZFNPRV.js";
import "./chunk-6WN3HHY5.js";
import "./chunk-XVUXVL3V.js";
import "./chunk-7N3FU4S7.js";
import "./chunk-GCS3BNMZ.js";
import "./chunk-OB4SRQCA.js";
import "./chunk-N5HPWT7C.js";
import "./chunk-OU24UHTD.js";
import "./chunk-JAI5KS4O.js";
import "./chunk-5KQUMPKL.js";
import "./chunk-CV3KGLCG.js";
import "./chunk-P7TQORRK.js";
import "./chunk-UCHM4ZJX.js";
import "./chunk-NRD5VI7B.js";
import "./chunk-CX3NDJYI.js";
import "./chunk-GW6L3DRJ.js";
import "./chunk-O4X6H4ZD.js";
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
