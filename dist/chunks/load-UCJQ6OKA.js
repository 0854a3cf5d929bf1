import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  loadManifest,
  makeLocator,
  parseAndKeep,
  parseManifest
} from "./chunk-6IO5YMQB.js";
import "./chunk-PTLWBKZL.js";
import "./chunk-523OZPGU.js";
import "./chunk-XTEFASAO.js";
import "./chunk-BI5EDGJF.js";
import "./chunk-JJ76BCVK.js";
import "./chunk-T7ZKZ2UK.js";
import "./chunk-UTDGCGMA.js";
import "./chunk-YCJ7GVD5.js";
import "./chunk-SYA7TQFE.js";
import "./chunk-CZZZSMQQ.js";
import {
  MANIFEST_NAMES,
  MAX_MANIFEST_BYTES,
  findManifest
} from "./chunk-4AMUTNZU.js";
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
