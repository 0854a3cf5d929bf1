import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  loadManifest,
  makeLocator,
  parseAndKeep,
  parseManifest
} from "./chunk-VGM3AG7F.js";
import "./chunk-SWEOUD43.js";
import "./chunk-VXUOW7BF.js";
import "./chunk-4HTCWRU5.js";
import "./chunk-YT4HA7MX.js";
import "./chunk-523OZPGU.js";
import "./chunk-MKBDC2EO.js";
import "./chunk-ND42QLZU.js";
import "./chunk-GR2CBACB.js";
import "./chunk-DYEOWQQP.js";
import {
  MANIFEST_NAMES,
  MAX_MANIFEST_BYTES,
  findManifest
} from "./chunk-7ZESNWQR.js";
import "./chunk-VXXK3PCW.js";
import "./chunk-FICLRJIW.js";
import "./chunk-BNVABWUQ.js";
export {
  MANIFEST_NAMES,
  MAX_MANIFEST_BYTES,
  findManifest,
  loadManifest,
  makeLocator,
  parseAndKeep,
  parseManifest
};
