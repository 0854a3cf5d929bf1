import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  loadManifest,
  makeLocator,
  parseAndKeep,
  parseManifest
} from "./chunk-YH77IFJB.js";
import "./chunk-7DO7JG6H.js";
import "./chunk-523OZPGU.js";
import "./chunk-XTEFASAO.js";
import "./chunk-BI5EDGJF.js";
import "./chunk-5PH7DB6N.js";
import "./chunk-6HLNJ2UJ.js";
import "./chunk-GNKOAAMJ.js";
import "./chunk-YCJ7GVD5.js";
import "./chunk-LGKMUW6U.js";
import "./chunk-CZZZSMQQ.js";
import {
  MANIFEST_NAMES,
  MAX_MANIFEST_BYTES,
  findManifest
} from "./chunk-YEKUJJCA.js";
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
