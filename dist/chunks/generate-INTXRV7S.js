import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  generateCommand,
  workflowTarget
} from "./chunk-EDHEB3H3.js";
import "./chunk-ZUT4F4RM.js";
import "./chunk-523OZPGU.js";
import "./chunk-ONHVZZCI.js";
import "./chunk-AJBSU7EQ.js";
import "./chunk-DYEOWQQP.js";
import "./chunk-VEISCYBZ.js";
import "./chunk-KGK3EUFU.js";
import "./chunk-AIVCXB6U.js";
import "./chunk-4ZWKADQZ.js";
import "./chunk-QQ24XY56.js";
import "./chunk-LR43NXA7.js";
import "./chunk-FICLRJIW.js";
import "./chunk-BNVABWUQ.js";
export {
  generateCommand,
  workflowTarget
};
