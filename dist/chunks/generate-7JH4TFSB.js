import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  generateCommand,
  workflowTarget
} from "./chunk-XUDKH3MU.js";
import "./chunk-33WSQS65.js";
import "./chunk-ZUT4F4RM.js";
import "./chunk-523OZPGU.js";
import "./chunk-LXDUWDU6.js";
import "./chunk-AJBSU7EQ.js";
import "./chunk-DYEOWQQP.js";
import "./chunk-LZV4TYKF.js";
import "./chunk-BOWR73ZZ.js";
import "./chunk-IL3SHYLP.js";
import "./chunk-H2WSXFTE.js";
import "./chunk-LR43NXA7.js";
import "./chunk-FICLRJIW.js";
import "./chunk-BNVABWUQ.js";
export {
  generateCommand,
  workflowTarget
};
