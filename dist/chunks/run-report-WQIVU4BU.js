import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  buildRunReport,
  movesByRun,
  pipelineFacts,
  writeRunReport
} from "./chunk-GTM4N5PO.js";
import "./chunk-GSO63TYL.js";
import "./chunk-OE3Z3SOM.js";
import "./chunk-Y3Y3PR6Y.js";
import "./chunk-RE2KNA6R.js";
import "./chunk-EZKWKBWA.js";
import "./chunk-HX4NHBDN.js";
import "./chunk-NBF2VUI6.js";
import "./chunk-CA7XIJ7F.js";
import "./chunk-5PIUBXJB.js";
import "./chunk-EUMYCSFZ.js";
import "./chunk-YCJ7GVD5.js";
import "./chunk-IPIKQYZ5.js";
import "./chunk-CZZZSMQQ.js";
import "./chunk-DGKO7IAC.js";
import "./chunk-BNVABWUQ.js";
export {
  buildRunReport,
  movesByRun,
  pipelineFacts,
  writeRunReport
};
