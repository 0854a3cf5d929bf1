import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  historyCommand,
  metricCell
} from "./chunk-PWAQ5K63.js";
import "./chunk-RYNAPNKP.js";
import "./chunk-XVY2DUXG.js";
import "./chunk-5XYJN2M7.js";
import "./chunk-LW25RPEI.js";
import "./chunk-MRQYCUP6.js";
import "./chunk-QFGPE3EY.js";
import "./chunk-QCEZCV3Y.js";
import "./chunk-25V2UBXB.js";
import "./chunk-RAPG5CLJ.js";
import "./chunk-Y6SFYQTD.js";
import "./chunk-UWEJRO7T.js";
import "./chunk-MUE6WUQZ.js";
import "./chunk-VHDSH6SG.js";
import "./chunk-ZEDKQCI5.js";
import "./chunk-JX27GHEJ.js";
import "./chunk-6MFEQHWA.js";
import "./chunk-3EVHPUE2.js";
export {
  historyCommand,
  metricCell
};
