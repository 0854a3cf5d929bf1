import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  restoreFreshAssets,
  restoreOutputs
} from "./chunk-6PHCYVA6.js";
import "./chunk-BNVABWUQ.js";
export {
  restoreFreshAssets,
  restoreOutputs
};
