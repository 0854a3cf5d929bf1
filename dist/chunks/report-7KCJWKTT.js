import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  COMMENT_FILE,
  REPORT_ARTIFACT,
  factsFromLedger,
  reportAction
} from "./chunk-CTGAD7UG.js";
import "./chunk-5WHLASOH.js";
import "./chunk-7WD2DSG5.js";
import "./chunk-MN5WRH3G.js";
import "./chunk-AFXDK7D2.js";
import "./chunk-LXCTFRP4.js";
import "./chunk-YIIFFWM5.js";
import "./chunk-72RJM27D.js";
import "./chunk-EZKWKBWA.js";
import "./chunk-6TN7RNXX.js";
import "./chunk-LNRAJHBO.js";
import "./chunk-7M2RRYIE.js";
import "./chunk-V3RJ3XOT.js";
import "./chunk-JWCO5MI5.js";
import "./chunk-Q5PNH2RI.js";
import "./chunk-TYLAMZFN.js";
import "./chunk-5N2BDSWZ.js";
import "./chunk-NIANUAGP.js";
import "./chunk-OJF7J3I3.js";
import "./chunk-BTNTUVAR.js";
import "./chunk-SJSYFK5C.js";
import "./chunk-XU6IXT4T.js";
import "./chunk-ND4BC56W.js";
import "./chunk-B6T3SNYZ.js";
import "./chunk-SWEOUD43.js";
import "./chunk-VXUOW7BF.js";
import "./chunk-4HTCWRU5.js";
import "./chunk-YT4HA7MX.js";
import "./chunk-VWWVDVBN.js";
import "./chunk-523OZPGU.js";
import "./chunk-MKBDC2EO.js";
import "./chunk-ND42QLZU.js";
import "./chunk-GR2CBACB.js";
import "./chunk-RE2KNA6R.js";
import "./chunk-HX4NHBDN.js";
import "./chunk-AJBSU7EQ.js";
import "./chunk-DYEOWQQP.js";
import "./chunk-AIVCXB6U.js";
import "./chunk-VWISJ7BJ.js";
import "./chunk-M5KBEXBO.js";
import "./chunk-FICLRJIW.js";
import "./chunk-BNVABWUQ.js";
export {
  COMMENT_FILE,
  REPORT_ARTIFACT,
  factsFromLedger,
  reportAction
};
