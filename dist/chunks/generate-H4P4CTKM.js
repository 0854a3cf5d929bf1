import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  generateCommand,
  workflowTarget
} from "./chunk-4EQC7DRJ.js";
import "./chunk-MJUVZAAY.js";
import "./chunk-TL4QTD52.js";
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
  generateCommand,
  workflowTarget
};
