import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  ArtifactStore,
  artifactName,
  downloadRunArtifacts,
  downloadVersion,
  uploadFiles,
  uploadVersion
} from "./chunk-QJXUCDWR.js";
import "./chunk-5PH7DB6N.js";
import "./chunk-6HLNJ2UJ.js";
import "./chunk-GNKOAAMJ.js";
import "./chunk-YCJ7GVD5.js";
import "./chunk-LGKMUW6U.js";
import "./chunk-CZZZSMQQ.js";
import "./chunk-YEKUJJCA.js";
import "./chunk-BNVABWUQ.js";
export {
  ArtifactStore,
  artifactName,
  downloadRunArtifacts,
  downloadVersion,
  uploadFiles,
  uploadVersion
};
