import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  StepSpawner,
  stepSpawner
} from "./chunk-LXUP3BME.js";
import "./chunk-BNVABWUQ.js";
export {
  StepSpawner,
  stepSpawner
};
