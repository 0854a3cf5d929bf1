import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  generateCommand,
  workflowTarget
} from "./chunk-YFSMLREA.js";
import "./chunk-H5T2PZH2.js";
import "./chunk-DPNGNFBW.js";
import "./chunk-523OZPGU.js";
import "./chunk-BQANME2X.js";
import "./chunk-G4P2JCFO.js";
import "./chunk-CZZZSMQQ.js";
import "./chunk-HYWDW5XQ.js";
import "./chunk-BNVABWUQ.js";
export {
  generateCommand,
  workflowTarget
};
