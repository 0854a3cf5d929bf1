import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  historyCommand,
  metricCell
} from "./chunk-SHQYDOLE.js";
import "./chunk-NT5MSSAQ.js";
import "./chunk-4BTWH4UN.js";
import "./chunk-I7LYKGDZ.js";
import "./chunk-XU6IXT4T.js";
import "./chunk-V7GJ7BMK.js";
import "./chunk-YCJ7GVD5.js";
import "./chunk-KMAATBEM.js";
import "./chunk-BWNFBKPT.js";
import "./chunk-PNMKFYGG.js";
import "./chunk-SJSYFK5C.js";
import "./chunk-VXUOW7BF.js";
import "./chunk-YT4HA7MX.js";
import "./chunk-ONHVZZCI.js";
import "./chunk-GR2CBACB.js";
import "./chunk-DYEOWQQP.js";
import "./chunk-WRHA4FCC.js";
import "./chunk-KGK3EUFU.js";
import "./chunk-AIVCXB6U.js";
import "./chunk-4ZWKADQZ.js";
import "./chunk-36CVWCE5.js";
import "./chunk-LR43NXA7.js";
import "./chunk-FICLRJIW.js";
import "./chunk-BNVABWUQ.js";
export {
  historyCommand,
  metricCell
};
