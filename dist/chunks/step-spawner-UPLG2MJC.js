import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  StepSpawner,
  stepSpawner
} from "./chunk-E66E6YAB.js";
import "./chunk-BNVABWUQ.js";
export {
  StepSpawner,
  stepSpawner
};
