import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  loadManifest,
  makeLocator,
  parseAndKeep,
  parseManifest
} from "./chunk-2ED37D5E.js";
import "./chunk-523OZPGU.js";
import "./chunk-7DO7JG6H.js";
import "./chunk-XTEFASAO.js";
import "./chunk-BI5EDGJF.js";
import "./chunk-5ISJBJHQ.js";
import "./chunk-LNR3NHP4.js";
import "./chunk-G5NLNBS4.js";
import "./chunk-YCJ7GVD5.js";
import "./chunk-LXDUWDU6.js";
import "./chunk-CZZZSMQQ.js";
import {
  MANIFEST_NAMES,
  MAX_MANIFEST_BYTES,
  findManifest
} from "./chunk-4IANUJQ2.js";
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
