import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  generateCommand,
  workflowTarget
} from "./chunk-O5F7YQPZ.js";
import "./chunk-JHVKG4GH.js";
import "./chunk-OY4SYAEZ.js";
import "./chunk-523OZPGU.js";
import "./chunk-QZYZBXMB.js";
import "./chunk-654Z574H.js";
import "./chunk-CZZZSMQQ.js";
import "./chunk-OEDWXBHJ.js";
import "./chunk-BNVABWUQ.js";
export {
  generateCommand,
  workflowTarget
};
