import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  COMMENT_FILE,
  REPORT_ARTIFACT,
  factsFromLedger,
  reportAction
} from "./chunk-O2TNK5Q2.js";
import "./chunk-AQ2E7N46.js";
import "./chunk-VBZTDJFR.js";
import "./chunk-FWNTAPY6.js";
import "./chunk-RE2KNA6R.js";
import "./chunk-LAUKVKJD.js";
import "./chunk-GK5KFJLV.js";
import "./chunk-WAOVVBOJ.js";
import "./chunk-VRE5NDRY.js";
import "./chunk-EZKWKBWA.js";
import "./chunk-HX4NHBDN.js";
import "./chunk-ZUPRK36B.js";
import "./chunk-523OZPGU.js";
import "./chunk-NBF2VUI6.js";
import "./chunk-ADTUMECA.js";
import "./chunk-RI7YDQR5.js";
import "./chunk-SJ7RHLPA.js";
import "./chunk-UQC2JWFA.js";
import "./chunk-YCJ7GVD5.js";
import "./chunk-7JO32OS3.js";
import "./chunk-CZZZSMQQ.js";
import "./chunk-O6FM3D6R.js";
import "./chunk-YIIFFWM5.js";
import "./chunk-BNVABWUQ.js";
export {
  COMMENT_FILE,
  REPORT_ARTIFACT,
  factsFromLedger,
  reportAction
};
