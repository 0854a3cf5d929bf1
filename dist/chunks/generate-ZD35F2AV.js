import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  generateCommand,
  workflowTarget
} from "./chunk-AVQVYIU3.js";
import "./chunk-ZUPRK36B.js";
import "./chunk-523OZPGU.js";
import "./chunk-SJ7RHLPA.js";
import "./chunk-7JO32OS3.js";
import "./chunk-CZZZSMQQ.js";
import "./chunk-O6FM3D6R.js";
import "./chunk-BNVABWUQ.js";
export {
  generateCommand,
  workflowTarget
};
