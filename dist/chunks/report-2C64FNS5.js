import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  COMMENT_FILE,
  REPORT_ARTIFACT,
  factsFromLedger,
  reportAction
} from "./chunk-SGM3QAB6.js";
import "./chunk-LNRCAD3C.js";
import "./chunk-OEKW7JFR.js";
import "./chunk-FWNTAPY6.js";
import "./chunk-RE2KNA6R.js";
import "./chunk-YURNPXEY.js";
import "./chunk-523OZPGU.js";
import "./chunk-5BCAK3VZ.js";
import "./chunk-GK5KFJLV.js";
import "./chunk-PEBJY4ZE.js";
import "./chunk-EZKWKBWA.js";
import "./chunk-HX4NHBDN.js";
import "./chunk-CD637OUT.js";
import "./chunk-GBUOALCZ.js";
import "./chunk-E4D5WBHV.js";
import "./chunk-5ISJBJHQ.js";
import "./chunk-LNR3NHP4.js";
import "./chunk-G5NLNBS4.js";
import "./chunk-YCJ7GVD5.js";
import "./chunk-LXDUWDU6.js";
import "./chunk-CZZZSMQQ.js";
import "./chunk-4IANUJQ2.js";
import "./chunk-YIIFFWM5.js";
import "./chunk-BNVABWUQ.js";
export {
  COMMENT_FILE,
  REPORT_ARTIFACT,
  factsFromLedger,
  reportAction
};
