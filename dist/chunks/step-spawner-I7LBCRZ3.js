import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  StepSpawner,
  stepSpawner
} from "./chunk-EUDFR5E2.js";
import "./chunk-BNVABWUQ.js";
export {
  StepSpawner,
  stepSpawner
};
