import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  generateCommand,
  workflowTarget
} from "./chunk-FGJNMRF7.js";
import "./chunk-3N6FPT7O.js";
import "./chunk-523OZPGU.js";
import "./chunk-XEW6LXR3.js";
import "./chunk-MAZFEA56.js";
import "./chunk-CZZZSMQQ.js";
import "./chunk-RILXW7YF.js";
import "./chunk-BNVABWUQ.js";
export {
  generateCommand,
  workflowTarget
};
