#!/usr/bin/env node
import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  historyCommand,
  metricCell
} from "./chunk-3K5ZRZDC.js";
import "./chunk-4ELXHMCZ.js";
import "./chunk-36PGMSKF.js";
import "./chunk-DX56Z66D.js";
import "./chunk-67TSPKVQ.js";
import "./chunk-PDYJWWEO.js";
import "./chunk-ZIV76MPM.js";
import "./chunk-M7GCFYEH.js";
import "./chunk-6GQJAUWY.js";
import "./chunk-ZBWGPFW4.js";
import "./chunk-7FVTXTAK.js";
import "./chunk-XBDFPIQI.js";
import "./chunk-OSUREPMY.js";
import "./chunk-3QMJIYFL.js";
import "./chunk-TI3FK6ZA.js";
export {
  historyCommand,
  metricCell
};
