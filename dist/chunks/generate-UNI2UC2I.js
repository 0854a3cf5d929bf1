import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  generateCommand,
  workflowTarget
} from "./chunk-OTJGVNRN.js";
import "./chunk-AZHDM5CY.js";
import "./chunk-523OZPGU.js";
import "./chunk-6HLNJ2UJ.js";
import "./chunk-LGKMUW6U.js";
import "./chunk-CZZZSMQQ.js";
import "./chunk-YEKUJJCA.js";
import "./chunk-BNVABWUQ.js";
export {
  generateCommand,
  workflowTarget
};
