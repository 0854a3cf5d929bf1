import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  generateCommand,
  workflowTarget
} from "./chunk-PK572KMN.js";
import "./chunk-YURNPXEY.js";
import "./chunk-523OZPGU.js";
import "./chunk-CD637OUT.js";
import "./chunk-LNR3NHP4.js";
import "./chunk-LXDUWDU6.js";
import "./chunk-CZZZSMQQ.js";
import "./chunk-4IANUJQ2.js";
import "./chunk-BNVABWUQ.js";
export {
  generateCommand,
  workflowTarget
};
