import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  require_dist
} from "./chunk-Q7KBE4RR.js";
import "./chunk-BNVABWUQ.js";
export default require_dist();
