import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  GitHubClient,
  KILN_RELEASE_NOTE,
  MAX_COMMENT_CHARS,
  fitComment,
  githubClientFromEnv
} from "./chunk-2U6G3I2Z.js";
import "./chunk-7CTAUTOL.js";
import "./chunk-NF4SADUS.js";
export {
  GitHubClient,
  KILN_RELEASE_NOTE,
  MAX_COMMENT_CHARS,
  fitComment,
  githubClientFromEnv
};
