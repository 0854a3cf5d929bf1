import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  historyCommand,
  metricCell
} from "./chunk-VFBBPT3U.js";
import "./chunk-ZYHJDKSQ.js";
import "./chunk-HTDGPDOX.js";
import "./chunk-2OWBFQH7.js";
import "./chunk-I37YDDTI.js";
import "./chunk-KQMT43CC.js";
import "./chunk-5KQUMPKL.js";
import "./chunk-VWF25RF4.js";
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
  historyCommand,
  metricCell
};
