import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  ArtifactStore,
  artifactName,
  downloadRunArtifacts,
  downloadVersion,
  uploadFiles,
  uploadVersion
} from "./chunk-VT4WDDGW.js";
import "./chunk-CA7XIJ7F.js";
import "./chunk-5PIUBXJB.js";
import "./chunk-EUMYCSFZ.js";
import "./chunk-YCJ7GVD5.js";
import "./chunk-IPIKQYZ5.js";
import "./chunk-CZZZSMQQ.js";
import "./chunk-DGKO7IAC.js";
import "./chunk-BNVABWUQ.js";
export {
  ArtifactStore,
  artifactName,
  downloadRunArtifacts,
  downloadVersion,
  uploadFiles,
  uploadVersion
};
