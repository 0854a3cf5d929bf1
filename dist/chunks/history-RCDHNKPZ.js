import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  historyCommand,
  metricCell,
  metricNamesOf
} from "./chunk-USFHRLZG.js";
import "./chunk-NT5MSSAQ.js";
import "./chunk-4BTWH4UN.js";
import "./chunk-NBF2VUI6.js";
import "./chunk-RI7YDQR5.js";
import "./chunk-SJ7RHLPA.js";
import "./chunk-UQC2JWFA.js";
import "./chunk-YCJ7GVD5.js";
import "./chunk-7JO32OS3.js";
import "./chunk-CZZZSMQQ.js";
import "./chunk-O6FM3D6R.js";
import "./chunk-BNVABWUQ.js";
export {
  historyCommand,
  metricCell,
  metricNamesOf
};
