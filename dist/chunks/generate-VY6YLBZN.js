import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  generateCommand,
  workflowTarget
} from "./chunk-H3JKBCST.js";
import "./chunk-K7K3CUT6.js";
import "./chunk-523OZPGU.js";
import "./chunk-MKBDC2EO.js";
import "./chunk-AJBSU7EQ.js";
import "./chunk-DYEOWQQP.js";
import "./chunk-4GBBVUZ5.js";
import "./chunk-CUKADIWB.js";
import "./chunk-AIVCXB6U.js";
import "./chunk-5GPDRZ7E.js";
import "./chunk-7ZESNWQR.js";
import "./chunk-VXXK3PCW.js";
import "./chunk-FICLRJIW.js";
import "./chunk-BNVABWUQ.js";
export {
  generateCommand,
  workflowTarget
};
