import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  generateCommand,
  workflowTarget
} from "./chunk-LEQT6KRB.js";
import "./chunk-VWWVDVBN.js";
import "./chunk-523OZPGU.js";
import "./chunk-MKBDC2EO.js";
import "./chunk-AJBSU7EQ.js";
import "./chunk-DYEOWQQP.js";
import "./chunk-RIWKUOEQ.js";
import "./chunk-D3TFNCWY.js";
import "./chunk-AIVCXB6U.js";
import "./chunk-VWISJ7BJ.js";
import "./chunk-M5KBEXBO.js";
import "./chunk-FICLRJIW.js";
import "./chunk-BNVABWUQ.js";
export {
  generateCommand,
  workflowTarget
};
