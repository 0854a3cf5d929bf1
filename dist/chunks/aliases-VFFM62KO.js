import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  aliasMoveJson,
  aliasesCommand
} from "./chunk-RZ6FQD2D.js";
import "./chunk-NT5MSSAQ.js";
import "./chunk-4BTWH4UN.js";
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
  aliasMoveJson,
  aliasesCommand
};
