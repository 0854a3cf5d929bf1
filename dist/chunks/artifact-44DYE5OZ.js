import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  ArtifactStore,
  artifactName,
  downloadRunArtifacts,
  downloadVersion,
  uploadFiles,
  uploadVersion
} from "./chunk-X3VE4F3N.js";
import "./chunk-UQHWQHZ2.js";
import "./chunk-7CTAUTOL.js";
import "./chunk-6WN3HHY5.js";
import "./chunk-5KQUMPKL.js";
import "./chunk-JKHZKIAG.js";
import "./chunk-NF4SADUS.js";
export {
  ArtifactStore,
  artifactName,
  downloadRunArtifacts,
  downloadVersion,
  uploadFiles,
  uploadVersion
};
