import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  generateCommand,
  workflowTarget
} from "./chunk-ACA3MWP2.js";
import "./chunk-3DGO6ZUF.js";
import "./chunk-GTP3BQ6G.js";
import "./chunk-Q7KBE4RR.js";
import "./chunk-URWLTY5I.js";
import "./chunk-V5O3HVTF.js";
import "./chunk-CZZZSMQQ.js";
import "./chunk-ZJE3KEHC.js";
import "./chunk-BNVABWUQ.js";
export {
  generateCommand,
  workflowTarget
};
