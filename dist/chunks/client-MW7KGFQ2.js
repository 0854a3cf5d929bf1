import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  GitHubClient,
  KILN_RELEASE_NOTE,
  MAX_COMMENT_CHARS,
  fitComment,
  githubClientFromEnv
} from "./chunk-LURBCDAL.js";
import "./chunk-B5WE5TBG.js";
import "./chunk-3EVHPUE2.js";
export {
  GitHubClient,
  KILN_RELEASE_NOTE,
  MAX_COMMENT_CHARS,
  fitComment,
  githubClientFromEnv
};
