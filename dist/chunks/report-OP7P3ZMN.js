import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  COMMENT_FILE,
  REPORT_ARTIFACT,
  factsFromLedger,
  reportAction
} from "./chunk-2AGVU2BR.js";
import "./chunk-NIJR65NH.js";
import "./chunk-WDPS3EI5.js";
import "./chunk-FWNTAPY6.js";
import "./chunk-RE2KNA6R.js";
import "./chunk-OOC5RDQR.js";
import "./chunk-GK5KFJLV.js";
import "./chunk-WAOVVBOJ.js";
import "./chunk-BM7XLFQS.js";
import "./chunk-EZKWKBWA.js";
import "./chunk-HX4NHBDN.js";
import "./chunk-QXSLGXOU.js";
import "./chunk-523OZPGU.js";
import "./chunk-NBF2VUI6.js";
import "./chunk-G3TE5NUR.js";
import "./chunk-BJ5L3M2F.js";
import "./chunk-GQW7IBUO.js";
import "./chunk-5XV5FKB3.js";
import "./chunk-YCJ7GVD5.js";
import "./chunk-GIN4BDKF.js";
import "./chunk-CZZZSMQQ.js";
import "./chunk-YRUJK7RW.js";
import "./chunk-YIIFFWM5.js";
import "./chunk-BNVABWUQ.js";
export {
  COMMENT_FILE,
  REPORT_ARTIFACT,
  factsFromLedger,
  reportAction
};
