import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  loadManifest,
  makeLocator,
  parseAndKeep,
  parseManifest
} from "./chunk-SAAMQSHW.js";
import "./chunk-7DO7JG6H.js";
import "./chunk-523OZPGU.js";
import "./chunk-XTEFASAO.js";
import "./chunk-BI5EDGJF.js";
import "./chunk-RI7YDQR5.js";
import "./chunk-SJ7RHLPA.js";
import "./chunk-UQC2JWFA.js";
import "./chunk-YCJ7GVD5.js";
import "./chunk-7JO32OS3.js";
import "./chunk-CZZZSMQQ.js";
import {
  MANIFEST_NAMES,
  MAX_MANIFEST_BYTES,
  findManifest
} from "./chunk-O6FM3D6R.js";
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
