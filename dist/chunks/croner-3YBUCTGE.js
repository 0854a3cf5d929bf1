import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  A,
  C,
  M,
  c,
  j
} from "./chunk-BI5EDGJF.js";
import "./chunk-BNVABWUQ.js";
export {
  j as Cron,
  c as CronDate,
  A as CronIterator,
  C as CronPattern,
  M as scheduledJobs
};
