#!/usr/bin/env node
import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  generateCommand,
  workflowTarget
} from "./chunk-J3LIR3O5.js";
import "./chunk-R7ZA2L4F.js";
import "./chunk-ZIV76MPM.js";
import "./chunk-M7GCFYEH.js";
import "./chunk-6GQJAUWY.js";
import "./chunk-ZBWGPFW4.js";
import "./chunk-XBDFPIQI.js";
import "./chunk-OSUREPMY.js";
import "./chunk-3QMJIYFL.js";
import "./chunk-TI3FK6ZA.js";
export {
  generateCommand,
  workflowTarget
};
