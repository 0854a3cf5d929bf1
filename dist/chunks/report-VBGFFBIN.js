import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  COMMENT_FILE,
  REPORT_ARTIFACT,
  factsFromLedger,
  movedOnNote,
  reportAction
} from "./chunk-2VER625Y.js";
import "./chunk-VBPNHCZM.js";
import "./chunk-W44FYIN5.js";
import "./chunk-4V2T4QPR.js";
import "./chunk-Y3Y3PR6Y.js";
import "./chunk-RE2KNA6R.js";
import "./chunk-I5ZTKSWJ.js";
import "./chunk-6LRRK6AU.js";
import "./chunk-5HECKKMB.js";
import "./chunk-EZKWKBWA.js";
import "./chunk-HX4NHBDN.js";
import "./chunk-NBF2VUI6.js";
import "./chunk-ZVRDK33U.js";
import "./chunk-6VYK5QUV.js";
import "./chunk-Q7KBE4RR.js";
import "./chunk-EOP5M67E.js";
import "./chunk-VJWJWU3G.js";
import "./chunk-SMDWKKKP.js";
import "./chunk-LUARMNX5.js";
import "./chunk-YCJ7GVD5.js";
import "./chunk-ARWKM4FO.js";
import "./chunk-CZZZSMQQ.js";
import "./chunk-VJS4E4N4.js";
import "./chunk-YIIFFWM5.js";
import "./chunk-BNVABWUQ.js";
export {
  COMMENT_FILE,
  REPORT_ARTIFACT,
  factsFromLedger,
  movedOnNote,
  reportAction
};
