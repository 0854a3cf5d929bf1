import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  aliasMoveJson,
  aliasesCommand
} from "./chunk-Y6GBTHST.js";
import "./chunk-NT5MSSAQ.js";
import "./chunk-4BTWH4UN.js";
import "./chunk-NBF2VUI6.js";
import "./chunk-LP4FLXCN.js";
import "./chunk-QZYZBXMB.js";
import "./chunk-JCNDDBVT.js";
import "./chunk-YCJ7GVD5.js";
import "./chunk-654Z574H.js";
import "./chunk-CZZZSMQQ.js";
import "./chunk-OEDWXBHJ.js";
import "./chunk-BNVABWUQ.js";
export {
  aliasMoveJson,
  aliasesCommand
};
