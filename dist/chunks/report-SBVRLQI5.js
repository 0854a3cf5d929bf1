import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  COMMENT_FILE,
  REPORT_ARTIFACT,
  factsFromLedger,
  reportAction
} from "./chunk-LTZXYCUF.js";
import "./chunk-E34O3JWG.js";
import "./chunk-4B7WYJ4C.js";
import "./chunk-MN5WRH3G.js";
import "./chunk-OPG3UFUT.js";
import "./chunk-SINYKAGW.js";
import "./chunk-YIIFFWM5.js";
import "./chunk-4WS7MYB3.js";
import "./chunk-EZKWKBWA.js";
import "./chunk-V6MFDO7J.js";
import "./chunk-OGGCQ7AA.js";
import "./chunk-V3RJ3XOT.js";
import "./chunk-DK4MLLIB.js";
import "./chunk-XU6IXT4T.js";
import "./chunk-EEE47QAN.js";
import "./chunk-YCJ7GVD5.js";
import "./chunk-IWKAIHU6.js";
import "./chunk-EFSP7FMF.js";
import "./chunk-NIANUAGP.js";
import "./chunk-BWNFBKPT.js";
import "./chunk-PNMKFYGG.js";
import "./chunk-SJSYFK5C.js";
import "./chunk-VXUOW7BF.js";
import "./chunk-YT4HA7MX.js";
import "./chunk-ZUT4F4RM.js";
import "./chunk-ONHVZZCI.js";
import "./chunk-GR2CBACB.js";
import "./chunk-RE2KNA6R.js";
import "./chunk-HX4NHBDN.js";
import "./chunk-AJBSU7EQ.js";
import "./chunk-DYEOWQQP.js";
import "./chunk-AIVCXB6U.js";
import "./chunk-4ZWKADQZ.js";
import "./chunk-QQ24XY56.js";
import "./chunk-LR43NXA7.js";
import "./chunk-FICLRJIW.js";
import "./chunk-BNVABWUQ.js";
export {
  COMMENT_FILE,
  REPORT_ARTIFACT,
  factsFromLedger,
  reportAction
};
