import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  historyCommand,
  metricCell
} from "./chunk-OXFO7NXC.js";
import "./chunk-P6H3FQ5I.js";
import "./chunk-HTDGPDOX.js";
import "./chunk-QIP3KMKT.js";
import "./chunk-N5HPWT7C.js";
import "./chunk-JAI5KS4O.js";
import "./chunk-5KQUMPKL.js";
import "./chunk-CV3KGLCG.js";
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
  historyCommand,
  metricCell
};
