import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  ArtifactStore,
  artifactName,
  downloadRunArtifacts,
  downloadVersion,
  uploadFiles,
  uploadVersion
} from "./chunk-OOC5RDQR.js";
import "./chunk-BJ5L3M2F.js";
import "./chunk-GQW7IBUO.js";
import "./chunk-5XV5FKB3.js";
import "./chunk-YCJ7GVD5.js";
import "./chunk-GIN4BDKF.js";
import "./chunk-CZZZSMQQ.js";
import "./chunk-YRUJK7RW.js";
import "./chunk-BNVABWUQ.js";
export {
  ArtifactStore,
  artifactName,
  downloadRunArtifacts,
  downloadVersion,
  uploadFiles,
  uploadVersion
};
