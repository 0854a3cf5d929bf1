import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  COMMENT_FILE,
  REPORT_ARTIFACT,
  factsFromLedger,
  reportAction
} from "./chunk-U6UYBEOU.js";
import "./chunk-E3NZSMZF.js";
import "./chunk-5MJI3Q6M.js";
import "./chunk-FWNTAPY6.js";
import "./chunk-RE2KNA6R.js";
import "./chunk-4RYZ6FDT.js";
import "./chunk-GK5KFJLV.js";
import "./chunk-WAOVVBOJ.js";
import "./chunk-XQUL4YUM.js";
import "./chunk-EZKWKBWA.js";
import "./chunk-HX4NHBDN.js";
import "./chunk-3N6FPT7O.js";
import "./chunk-523OZPGU.js";
import "./chunk-NBF2VUI6.js";
import "./chunk-667HYG3K.js";
import "./chunk-L4MXYP3I.js";
import "./chunk-XEW6LXR3.js";
import "./chunk-Q32FNUT7.js";
import "./chunk-YCJ7GVD5.js";
import "./chunk-MAZFEA56.js";
import "./chunk-CZZZSMQQ.js";
import "./chunk-RILXW7YF.js";
import "./chunk-YIIFFWM5.js";
import "./chunk-BNVABWUQ.js";
export {
  COMMENT_FILE,
  REPORT_ARTIFACT,
  factsFromLedger,
  reportAction
};
