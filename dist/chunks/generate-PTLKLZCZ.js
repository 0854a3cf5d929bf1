import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  generateCommand,
  workflowTarget
} from "./chunk-AMCVZ6QA.js";
import "./chunk-CTDGKR7J.js";
import "./chunk-XKJVB22E.js";
import "./chunk-523OZPGU.js";
import "./chunk-T7ZKZ2UK.js";
import "./chunk-SYA7TQFE.js";
import "./chunk-CZZZSMQQ.js";
import "./chunk-4AMUTNZU.js";
import "./chunk-BNVABWUQ.js";
export {
  generateCommand,
  workflowTarget
};
