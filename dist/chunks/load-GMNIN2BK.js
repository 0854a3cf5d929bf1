import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  loadManifest,
  makeLocator,
  parseAndKeep,
  parseManifest
} from "./chunk-VBXNEGHH.js";
import "./chunk-7DO7JG6H.js";
import "./chunk-523OZPGU.js";
import "./chunk-XTEFASAO.js";
import "./chunk-BI5EDGJF.js";
import "./chunk-L4MXYP3I.js";
import "./chunk-XEW6LXR3.js";
import "./chunk-Q32FNUT7.js";
import "./chunk-YCJ7GVD5.js";
import "./chunk-MAZFEA56.js";
import "./chunk-CZZZSMQQ.js";
import {
  MANIFEST_NAMES,
  MAX_MANIFEST_BYTES,
  findManifest
} from "./chunk-RILXW7YF.js";
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
