import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  ArtifactStore,
  artifactName,
  downloadRunArtifacts,
  downloadVersion,
  uploadFiles,
  uploadVersion
} from "./chunk-I5ZTKSWJ.js";
import "./chunk-VJWJWU3G.js";
import "./chunk-SMDWKKKP.js";
import "./chunk-LUARMNX5.js";
import "./chunk-YCJ7GVD5.js";
import "./chunk-ARWKM4FO.js";
import "./chunk-CZZZSMQQ.js";
import "./chunk-VJS4E4N4.js";
import "./chunk-BNVABWUQ.js";
export {
  ArtifactStore,
  artifactName,
  downloadRunArtifacts,
  downloadVersion,
  uploadFiles,
  uploadVersion
};
