import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  restoreFreshAssets,
  restoreOutputs
} from "./chunk-DT5DGOB4.js";
import "./chunk-BNVABWUQ.js";
export {
  restoreFreshAssets,
  restoreOutputs
};
