import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  generateCommand,
  workflowTarget
} from "./chunk-YFMPBXVC.js";
import "./chunk-IPVW3R24.js";
import "./chunk-HBTRCQJM.js";
import "./chunk-Q7KBE4RR.js";
import "./chunk-5PIUBXJB.js";
import "./chunk-IPIKQYZ5.js";
import "./chunk-CZZZSMQQ.js";
import "./chunk-DGKO7IAC.js";
import "./chunk-BNVABWUQ.js";
export {
  generateCommand,
  workflowTarget
};
