import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  generateCommand,
  workflowTarget
} from "./chunk-PMOUPG6F.js";
import "./chunk-ZVRDK33U.js";
import "./chunk-6VYK5QUV.js";
import "./chunk-Q7KBE4RR.js";
import "./chunk-SMDWKKKP.js";
import "./chunk-ARWKM4FO.js";
import "./chunk-CZZZSMQQ.js";
import "./chunk-VJS4E4N4.js";
import "./chunk-BNVABWUQ.js";
export {
  generateCommand,
  workflowTarget
};
