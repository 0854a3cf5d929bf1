import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  require_ajv
} from "./chunk-VQI62ZN2.js";
import "./chunk-2YYEETS3.js";
import "./chunk-KO2N6KIN.js";
import "./chunk-BNVABWUQ.js";
export default require_ajv();
