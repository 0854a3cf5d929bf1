import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  COMMENT_FILE,
  REPORT_ARTIFACT,
  factsFromLedger,
  reportAction
} from "./chunk-U4OF7GAW.js";
import "./chunk-GCCXUVNH.js";
import "./chunk-WPFGTE37.js";
import "./chunk-MN5WRH3G.js";
import "./chunk-OPG3UFUT.js";
import "./chunk-SINYKAGW.js";
import "./chunk-YIIFFWM5.js";
import "./chunk-KSFLEFQA.js";
import "./chunk-EZKWKBWA.js";
import "./chunk-V6MFDO7J.js";
import "./chunk-3GKCM6LP.js";
import "./chunk-V3RJ3XOT.js";
import "./chunk-JRC6O52L.js";
import "./chunk-XU6IXT4T.js";
import "./chunk-55XP6GI6.js";
import "./chunk-YCJ7GVD5.js";
import "./chunk-7AZK427S.js";
import "./chunk-KUUWIJKA.js";
import "./chunk-NIANUAGP.js";
import "./chunk-2ORXNN3N.js";
import "./chunk-5G3UPGP5.js";
import "./chunk-PNMKFYGG.js";
import "./chunk-SJSYFK5C.js";
import "./chunk-VXUOW7BF.js";
import "./chunk-YT4HA7MX.js";
import "./chunk-K7K3CUT6.js";
import "./chunk-MKBDC2EO.js";
import "./chunk-GR2CBACB.js";
import "./chunk-RE2KNA6R.js";
import "./chunk-HX4NHBDN.js";
import "./chunk-AJBSU7EQ.js";
import "./chunk-DYEOWQQP.js";
import "./chunk-AIVCXB6U.js";
import "./chunk-5GPDRZ7E.js";
import "./chunk-7ZESNWQR.js";
import "./chunk-VXXK3PCW.js";
import "./chunk-FICLRJIW.js";
import "./chunk-BNVABWUQ.js";
export {
  COMMENT_FILE,
  REPORT_ARTIFACT,
  factsFromLedger,
  reportAction
};
