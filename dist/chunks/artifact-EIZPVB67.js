import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  ArtifactStore,
  artifactName,
  downloadRunArtifacts,
  downloadVersion,
  uploadFiles,
  uploadVersion
} from "./chunk-OLTWSCKX.js";
import "./chunk-JJ76BCVK.js";
import "./chunk-T7ZKZ2UK.js";
import "./chunk-UTDGCGMA.js";
import "./chunk-YCJ7GVD5.js";
import "./chunk-SYA7TQFE.js";
import "./chunk-CZZZSMQQ.js";
import "./chunk-4AMUTNZU.js";
import "./chunk-BNVABWUQ.js";
export {
  ArtifactStore,
  artifactName,
  downloadRunArtifacts,
  downloadVersion,
  uploadFiles,
  uploadVersion
};
