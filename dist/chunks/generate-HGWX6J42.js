import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  generateCommand,
  workflowTarget
} from "./chunk-OA7QZXMO.js";
import "./chunk-P7TQORRK.js";
import "./chunk-CX3NDJYI.js";
import "./chunk-JR7K3TV3.js";
import "./chunk-GW6L3DRJ.js";
import "./chunk-O4X6H4ZD.js";
import "./chunk-JKHZKIAG.js";
import "./chunk-4RAWEK3G.js";
import "./chunk-E4MQVDXR.js";
import "./chunk-XWO3MBIM.js";
import "./chunk-NKEEGYDI.js";
import "./chunk-QDXV5WE7.js";
import "./chunk-NF4SADUS.js";
export {
  generateCommand,
  workflowTarget
};
