import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  generateCommand,
  workflowTarget
} from "./chunk-L5IKQ322.js";
import "./chunk-QXSLGXOU.js";
import "./chunk-523OZPGU.js";
import "./chunk-GQW7IBUO.js";
import "./chunk-GIN4BDKF.js";
import "./chunk-CZZZSMQQ.js";
import "./chunk-YRUJK7RW.js";
import "./chunk-BNVABWUQ.js";
export {
  generateCommand,
  workflowTarget
};
