import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  loadManifest,
  makeLocator,
  parseAndKeep,
  parseManifest
} from "./chunk-62PG5FAR.js";
import "./chunk-JRDQNYU3.js";
import "./chunk-Q7KBE4RR.js";
import "./chunk-XTEFASAO.js";
import "./chunk-BI5EDGJF.js";
import "./chunk-CA7XIJ7F.js";
import "./chunk-5PIUBXJB.js";
import "./chunk-EUMYCSFZ.js";
import "./chunk-YCJ7GVD5.js";
import "./chunk-IPIKQYZ5.js";
import "./chunk-CZZZSMQQ.js";
import {
  MANIFEST_NAMES,
  MAX_MANIFEST_BYTES,
  findManifest
} from "./chunk-DGKO7IAC.js";
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
