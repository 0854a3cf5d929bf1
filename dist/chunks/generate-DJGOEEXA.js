import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  generateCommand,
  workflowTarget
} from "./chunk-BZGVPAUL.js";
import "./chunk-WF2FANSE.js";
import "./chunk-EERXAFT6.js";
import "./chunk-Q7KBE4RR.js";
import "./chunk-CVFTVLUI.js";
import "./chunk-OAUXH6FU.js";
import "./chunk-CZZZSMQQ.js";
import "./chunk-DQNGLDMZ.js";
import "./chunk-BNVABWUQ.js";
export {
  generateCommand,
  workflowTarget
};
