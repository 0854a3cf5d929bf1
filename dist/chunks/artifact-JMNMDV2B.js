import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  ArtifactStore,
  artifactName,
  downloadRunArtifacts,
  downloadVersion,
  uploadFiles,
  uploadVersion
} from "./chunk-LEFB7EK6.js";
import "./chunk-35OV54A3.js";
import "./chunk-B5WE5TBG.js";
import "./chunk-QFGPE3EY.js";
import "./chunk-UWEJRO7T.js";
import "./chunk-3EVHPUE2.js";
export {
  ArtifactStore,
  artifactName,
  downloadRunArtifacts,
  downloadVersion,
  uploadFiles,
  uploadVersion
};
