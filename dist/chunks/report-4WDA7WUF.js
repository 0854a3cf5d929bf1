import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  COMMENT_FILE,
  REPORT_ARTIFACT,
  factsFromLedger,
  reportAction
} from "./chunk-2GEEURDM.js";
import "./chunk-PVYOZNPM.js";
import "./chunk-7RQFQG3P.js";
import "./chunk-MN5WRH3G.js";
import "./chunk-CHAMFCPK.js";
import "./chunk-AJ6J4ZDG.js";
import "./chunk-YIIFFWM5.js";
import "./chunk-7G5EME7M.js";
import "./chunk-EZKWKBWA.js";
import "./chunk-4RBXJX62.js";
import "./chunk-77BUVOLW.js";
import "./chunk-V3RJ3XOT.js";
import "./chunk-ME3GNNNO.js";
import "./chunk-DK4MLLIB.js";
import "./chunk-XU6IXT4T.js";
import "./chunk-RHEN5QSW.js";
import "./chunk-YCJ7GVD5.js";
import "./chunk-YE6CBXGQ.js";
import "./chunk-RDX5YLL2.js";
import "./chunk-NIANUAGP.js";
import "./chunk-WIFSPINL.js";
import "./chunk-PNMKFYGG.js";
import "./chunk-P34CEENB.js";
import "./chunk-4HTCWRU5.js";
import "./chunk-VXUOW7BF.js";
import "./chunk-BUD566VL.js";
import "./chunk-7CZ7Y2OC.js";
import "./chunk-33WSQS65.js";
import "./chunk-ZUT4F4RM.js";
import "./chunk-523OZPGU.js";
import "./chunk-LXDUWDU6.js";
import "./chunk-GR2CBACB.js";
import "./chunk-RE2KNA6R.js";
import "./chunk-HX4NHBDN.js";
import "./chunk-AJBSU7EQ.js";
import "./chunk-DYEOWQQP.js";
import "./chunk-IL3SHYLP.js";
import "./chunk-H2WSXFTE.js";
import "./chunk-LR43NXA7.js";
import "./chunk-FICLRJIW.js";
import "./chunk-BNVABWUQ.js";
export {
  COMMENT_FILE,
  REPORT_ARTIFACT,
  factsFromLedger,
  reportAction
};
