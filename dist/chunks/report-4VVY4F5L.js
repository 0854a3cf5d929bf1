import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  COMMENT_FILE,
  REPORT_ARTIFACT,
  factsFromLedger,
  movedOnNote,
  reportAction
} from "./chunk-NUIPUOTI.js";
import "./chunk-EO7JQSHM.js";
import "./chunk-7JS5FSPJ.js";
import "./chunk-YJO7UCJX.js";
import "./chunk-RE2KNA6R.js";
import "./chunk-S7TKMSGE.js";
import "./chunk-6LRRK6AU.js";
import "./chunk-F5FLV4WZ.js";
import "./chunk-EZKWKBWA.js";
import "./chunk-HX4NHBDN.js";
import "./chunk-H5T2PZH2.js";
import "./chunk-DPNGNFBW.js";
import "./chunk-523OZPGU.js";
import "./chunk-NBF2VUI6.js";
import "./chunk-7QXMGR6O.js";
import "./chunk-C5P656GU.js";
import "./chunk-BQANME2X.js";
import "./chunk-XSA3EKDT.js";
import "./chunk-YCJ7GVD5.js";
import "./chunk-G4P2JCFO.js";
import "./chunk-CZZZSMQQ.js";
import "./chunk-HYWDW5XQ.js";
import "./chunk-YIIFFWM5.js";
import "./chunk-BNVABWUQ.js";
export {
  COMMENT_FILE,
  REPORT_ARTIFACT,
  factsFromLedger,
  movedOnNote,
  reportAction
};
