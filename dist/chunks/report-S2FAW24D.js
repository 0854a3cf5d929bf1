import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  COMMENT_FILE,
  REPORT_ARTIFACT,
  factsFromLedger,
  movedOnNote,
  reportAction
} from "./chunk-ZEA33LDB.js";
import "./chunk-QQDHBLCY.js";
import "./chunk-IREVP5BL.js";
import "./chunk-TR7TT3GL.js";
import "./chunk-Y3Y3PR6Y.js";
import "./chunk-RE2KNA6R.js";
import "./chunk-DR6DJDAF.js";
import "./chunk-6LRRK6AU.js";
import "./chunk-W4MX2NWJ.js";
import "./chunk-EZKWKBWA.js";
import "./chunk-HX4NHBDN.js";
import "./chunk-NBF2VUI6.js";
import "./chunk-3DGO6ZUF.js";
import "./chunk-GTP3BQ6G.js";
import "./chunk-Q7KBE4RR.js";
import "./chunk-UMWPPGZ3.js";
import "./chunk-C32IYWJT.js";
import "./chunk-URWLTY5I.js";
import "./chunk-LS3573BM.js";
import "./chunk-YCJ7GVD5.js";
import "./chunk-V5O3HVTF.js";
import "./chunk-CZZZSMQQ.js";
import "./chunk-ZJE3KEHC.js";
import "./chunk-YIIFFWM5.js";
import "./chunk-BNVABWUQ.js";
export {
  COMMENT_FILE,
  REPORT_ARTIFACT,
  factsFromLedger,
  movedOnNote,
  reportAction
};
