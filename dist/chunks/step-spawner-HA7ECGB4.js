import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  StepSpawner,
  stepSpawner
} from "./chunk-7N6H7URY.js";
import "./chunk-BNVABWUQ.js";
export {
  StepSpawner,
  stepSpawner
};
