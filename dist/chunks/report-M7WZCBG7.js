import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  COMMENT_FILE,
  REPORT_ARTIFACT,
  factsFromLedger,
  movedOnNote,
  reportAction
} from "./chunk-MQEI6UP6.js";
import "./chunk-XEFJU26K.js";
import "./chunk-XPBYVRYF.js";
import "./chunk-YJO7UCJX.js";
import "./chunk-RE2KNA6R.js";
import "./chunk-EKYGVXYN.js";
import "./chunk-6LRRK6AU.js";
import "./chunk-H3J4ZBSR.js";
import "./chunk-EZKWKBWA.js";
import "./chunk-HX4NHBDN.js";
import "./chunk-JHVKG4GH.js";
import "./chunk-OY4SYAEZ.js";
import "./chunk-523OZPGU.js";
import "./chunk-NBF2VUI6.js";
import "./chunk-A53GNE3L.js";
import "./chunk-LP4FLXCN.js";
import "./chunk-QZYZBXMB.js";
import "./chunk-JCNDDBVT.js";
import "./chunk-YCJ7GVD5.js";
import "./chunk-654Z574H.js";
import "./chunk-CZZZSMQQ.js";
import "./chunk-OEDWXBHJ.js";
import "./chunk-YIIFFWM5.js";
import "./chunk-BNVABWUQ.js";
export {
  COMMENT_FILE,
  REPORT_ARTIFACT,
  factsFromLedger,
  movedOnNote,
  reportAction
};
