import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  loadManifest,
  makeLocator,
  parseAndKeep,
  parseManifest
} from "./chunk-27IDZPGJ.js";
import "./chunk-PTLWBKZL.js";
import "./chunk-523OZPGU.js";
import "./chunk-XTEFASAO.js";
import "./chunk-BI5EDGJF.js";
import "./chunk-LP4FLXCN.js";
import "./chunk-QZYZBXMB.js";
import "./chunk-JCNDDBVT.js";
import "./chunk-YCJ7GVD5.js";
import "./chunk-654Z574H.js";
import "./chunk-CZZZSMQQ.js";
import {
  MANIFEST_NAMES,
  MAX_MANIFEST_BYTES,
  findManifest
} from "./chunk-OEDWXBHJ.js";
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
