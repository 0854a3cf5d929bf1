import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  COMMENT_FILE,
  REPORT_ARTIFACT,
  factsFromLedger,
  movedOnNote,
  reportAction
} from "./chunk-J5D77PMU.js";
import "./chunk-75ANI55P.js";
import "./chunk-NGG6V2WI.js";
import "./chunk-YJO7UCJX.js";
import "./chunk-RE2KNA6R.js";
import "./chunk-OLTWSCKX.js";
import "./chunk-6LRRK6AU.js";
import "./chunk-SCXKYEMN.js";
import "./chunk-EZKWKBWA.js";
import "./chunk-HX4NHBDN.js";
import "./chunk-CTDGKR7J.js";
import "./chunk-XKJVB22E.js";
import "./chunk-523OZPGU.js";
import "./chunk-NBF2VUI6.js";
import "./chunk-L4YU6EGG.js";
import "./chunk-JJ76BCVK.js";
import "./chunk-T7ZKZ2UK.js";
import "./chunk-UTDGCGMA.js";
import "./chunk-YCJ7GVD5.js";
import "./chunk-SYA7TQFE.js";
import "./chunk-CZZZSMQQ.js";
import "./chunk-4AMUTNZU.js";
import "./chunk-YIIFFWM5.js";
import "./chunk-BNVABWUQ.js";
export {
  COMMENT_FILE,
  REPORT_ARTIFACT,
  factsFromLedger,
  movedOnNote,
  reportAction
};
