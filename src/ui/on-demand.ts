// Code the opening screen does not run, evaluated on first use instead of when the plugin opens:
// src/render (WebGL, the video muxer, the GIF encoder: most of the UI's code) for the preview, a
// local render and the encoder probe; the PNG decoder and the zip writer (fflate, under both, builds
// its tables as it loads) for a scene and an export. Within the one-file bundle, esbuild leaves a
// module that only import() reaches uninitialised until that call.

export function loadRender(): Promise<typeof import("../render/index.js")> {
  return import("../render/index.js");
}

export function loadDepthPng(): Promise<typeof import("./preview/depth-png.js")> {
  return import("./preview/depth-png.js");
}

export function loadHandoffZip(): Promise<typeof import("./handoff-zip.js")> {
  return import("./handoff-zip.js");
}
