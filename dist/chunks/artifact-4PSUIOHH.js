import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  ArtifactStore,
  artifactName,
  downloadRunArtifacts,
  downloadVersion,
  uploadFiles,
  uploadVersion
} from "./chunk-UAGQV5RG.js";
import "./chunk-35OV54A3.js";
import "./chunk-B5WE5TBG.js";
import "./chunk-ADJN46VT.js";
import "./chunk-3EVHPUE2.js";
export {
  ArtifactStore,
  artifactName,
  downloadRunArtifacts,
  downloadVersion,
  uploadFiles,
  uploadVersion
};
