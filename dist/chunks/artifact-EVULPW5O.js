import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  ArtifactStore,
  artifactName,
  downloadRunArtifacts,
  downloadVersion,
  uploadFiles,
  uploadVersion
} from "./chunk-S7TKMSGE.js";
import "./chunk-C5P656GU.js";
import "./chunk-BQANME2X.js";
import "./chunk-XSA3EKDT.js";
import "./chunk-YCJ7GVD5.js";
import "./chunk-G4P2JCFO.js";
import "./chunk-CZZZSMQQ.js";
import "./chunk-HYWDW5XQ.js";
import "./chunk-BNVABWUQ.js";
export {
  ArtifactStore,
  artifactName,
  downloadRunArtifacts,
  downloadVersion,
  uploadFiles,
  uploadVersion
};
