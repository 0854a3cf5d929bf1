import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  generateCommand,
  workflowTarget
} from "./chunk-I5353T3A.js";
import "./chunk-P7TQORRK.js";
import "./chunk-CX3NDJYI.js";
import "./chunk-AJ4LWAU6.js";
import "./chunk-GW6L3DRJ.js";
import "./chunk-F56UX6DJ.js";
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
