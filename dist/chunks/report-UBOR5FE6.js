import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  COMMENT_FILE,
  REPORT_ARTIFACT,
  factsFromLedger,
  reportAction
} from "./chunk-PUH7VV4X.js";
import "./chunk-LURBCDAL.js";
import "./chunk-H5HN3KAP.js";
import "./chunk-NXZ254NP.js";
import "./chunk-C436DGXG.js";
import "./chunk-BJQYQR2P.js";
import "./chunk-EHDZZFPL.js";
import "./chunk-LEFB7EK6.js";
import "./chunk-35OV54A3.js";
import "./chunk-B5WE5TBG.js";
import "./chunk-KYLISQK7.js";
import "./chunk-GXZWNREP.js";
import "./chunk-EMTFGBJD.js";
import "./chunk-VN6Y6SGB.js";
import "./chunk-LW25RPEI.js";
import "./chunk-MRQYCUP6.js";
import "./chunk-QFGPE3EY.js";
import "./chunk-QCEZCV3Y.js";
import "./chunk-MJUVZAAY.js";
import "./chunk-7SI7DGOT.js";
import "./chunk-CL637EV3.js";
import "./chunk-TL4QTD52.js";
import "./chunk-RAPG5CLJ.js";
import "./chunk-Y6SFYQTD.js";
import "./chunk-UWEJRO7T.js";
import "./chunk-VHDSH6SG.js";
import "./chunk-ZEDKQCI5.js";
import "./chunk-JX27GHEJ.js";
import "./chunk-6MFEQHWA.js";
import "./chunk-3EVHPUE2.js";
export {
  COMMENT_FILE,
  REPORT_ARTIFACT,
  factsFromLedger,
  reportAction
};
