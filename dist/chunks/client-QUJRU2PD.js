import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  GitHubClient,
  KILN_RELEASE_NOTE,
  MAX_COMMENT_CHARS,
  fitComment,
  githubClientFromEnv,
  pacesWrites
} from "./chunk-BGBPBAMM.js";
import "./chunk-YIIFFWM5.js";
import "./chunk-BNVABWUQ.js";
export {
  GitHubClient,
  KILN_RELEASE_NOTE,
  MAX_COMMENT_CHARS,
  fitComment,
  githubClientFromEnv,
  pacesWrites
};
