import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  ArtifactStore,
  artifactName,
  downloadRunArtifacts,
  downloadVersion,
  uploadFiles,
  uploadVersion
} from "./chunk-EKYGVXYN.js";
import "./chunk-LP4FLXCN.js";
import "./chunk-QZYZBXMB.js";
import "./chunk-JCNDDBVT.js";
import "./chunk-YCJ7GVD5.js";
import "./chunk-654Z574H.js";
import "./chunk-CZZZSMQQ.js";
import "./chunk-OEDWXBHJ.js";
import "./chunk-BNVABWUQ.js";
export {
  ArtifactStore,
  artifactName,
  downloadRunArtifacts,
  downloadVersion,
  uploadFiles,
  uploadVersion
};
