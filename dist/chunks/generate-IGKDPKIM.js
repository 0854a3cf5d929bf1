import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  generateCommand,
  workflowTarget
} from "./chunk-SKMXI374.js";
import "./chunk-VWWVDVBN.js";
import "./chunk-523OZPGU.js";
import "./chunk-OR54S3NR.js";
import "./chunk-AJBSU7EQ.js";
import "./chunk-DYEOWQQP.js";
import "./chunk-KHGLBRQU.js";
import "./chunk-D3TFNCWY.js";
import "./chunk-AIVCXB6U.js";
import "./chunk-VWISJ7BJ.js";
import "./chunk-4B7MXGXP.js";
import "./chunk-FICLRJIW.js";
import "./chunk-BNVABWUQ.js";
export {
  generateCommand,
  workflowTarget
};
