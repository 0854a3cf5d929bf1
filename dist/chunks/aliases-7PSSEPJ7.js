import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  aliasMoveJson,
  aliasesCommand
} from "./chunk-DIJPCTUB.js";
import "./chunk-NT5MSSAQ.js";
import "./chunk-4BTWH4UN.js";
import "./chunk-NBF2VUI6.js";
import "./chunk-JJ76BCVK.js";
import "./chunk-T7ZKZ2UK.js";
import "./chunk-UTDGCGMA.js";
import "./chunk-YCJ7GVD5.js";
import "./chunk-SYA7TQFE.js";
import "./chunk-CZZZSMQQ.js";
import "./chunk-4AMUTNZU.js";
import "./chunk-BNVABWUQ.js";
export {
  aliasMoveJson,
  aliasesCommand
};
