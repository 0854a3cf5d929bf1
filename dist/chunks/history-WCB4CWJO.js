import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  historyCommand,
  metricCell,
  metricNamesOf
} from "./chunk-6GCJJ4LZ.js";
import "./chunk-NT5MSSAQ.js";
import "./chunk-4BTWH4UN.js";
import "./chunk-NBF2VUI6.js";
import "./chunk-C5P656GU.js";
import "./chunk-BQANME2X.js";
import "./chunk-XSA3EKDT.js";
import "./chunk-YCJ7GVD5.js";
import "./chunk-G4P2JCFO.js";
import "./chunk-CZZZSMQQ.js";
import "./chunk-HYWDW5XQ.js";
import "./chunk-BNVABWUQ.js";
export {
  historyCommand,
  metricCell,
  metricNamesOf
};
