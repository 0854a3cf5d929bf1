import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  ArtifactStore,
  artifactName,
  downloadRunArtifacts,
  downloadVersion,
  uploadFiles,
  uploadVersion
} from "./chunk-4RYZ6FDT.js";
import "./chunk-L4MXYP3I.js";
import "./chunk-XEW6LXR3.js";
import "./chunk-Q32FNUT7.js";
import "./chunk-YCJ7GVD5.js";
import "./chunk-MAZFEA56.js";
import "./chunk-CZZZSMQQ.js";
import "./chunk-RILXW7YF.js";
import "./chunk-BNVABWUQ.js";
export {
  ArtifactStore,
  artifactName,
  downloadRunArtifacts,
  downloadVersion,
  uploadFiles,
  uploadVersion
};
