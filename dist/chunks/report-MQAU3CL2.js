import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  COMMENT_FILE,
  REPORT_ARTIFACT,
  factsFromLedger,
  reportAction
} from "./chunk-KJRKK7QJ.js";
import "./chunk-3B42YADU.js";
import "./chunk-PGHZEHC6.js";
import "./chunk-FWNTAPY6.js";
import "./chunk-RE2KNA6R.js";
import "./chunk-QJXUCDWR.js";
import "./chunk-GK5KFJLV.js";
import "./chunk-L3LW54MN.js";
import "./chunk-EZKWKBWA.js";
import "./chunk-HX4NHBDN.js";
import "./chunk-AZHDM5CY.js";
import "./chunk-523OZPGU.js";
import "./chunk-NBF2VUI6.js";
import "./chunk-A6DUWZSI.js";
import "./chunk-5PH7DB6N.js";
import "./chunk-6HLNJ2UJ.js";
import "./chunk-GNKOAAMJ.js";
import "./chunk-YCJ7GVD5.js";
import "./chunk-LGKMUW6U.js";
import "./chunk-CZZZSMQQ.js";
import "./chunk-YEKUJJCA.js";
import "./chunk-YIIFFWM5.js";
import "./chunk-BNVABWUQ.js";
export {
  COMMENT_FILE,
  REPORT_ARTIFACT,
  factsFromLedger,
  reportAction
};
