import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  COMMENT_FILE,
  REPORT_ARTIFACT,
  factsFromLedger,
  movedOnNote,
  reportAction
} from "./chunk-E6BCDCND.js";
import "./chunk-GTM4N5PO.js";
import "./chunk-GSO63TYL.js";
import "./chunk-OE3Z3SOM.js";
import "./chunk-Y3Y3PR6Y.js";
import "./chunk-RE2KNA6R.js";
import "./chunk-VT4WDDGW.js";
import "./chunk-6LRRK6AU.js";
import "./chunk-BNZ6SGT3.js";
import "./chunk-EZKWKBWA.js";
import "./chunk-HX4NHBDN.js";
import "./chunk-NBF2VUI6.js";
import "./chunk-IPVW3R24.js";
import "./chunk-HBTRCQJM.js";
import "./chunk-Q7KBE4RR.js";
import "./chunk-6DE6D2DD.js";
import "./chunk-CA7XIJ7F.js";
import "./chunk-5PIUBXJB.js";
import "./chunk-EUMYCSFZ.js";
import "./chunk-YCJ7GVD5.js";
import "./chunk-IPIKQYZ5.js";
import "./chunk-CZZZSMQQ.js";
import "./chunk-DGKO7IAC.js";
import "./chunk-YIIFFWM5.js";
import "./chunk-BNVABWUQ.js";
export {
  COMMENT_FILE,
  REPORT_ARTIFACT,
  factsFromLedger,
  movedOnNote,
  reportAction
};
