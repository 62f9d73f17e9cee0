// The sandbox's two globals, for UI tests that run the real plugin code beside the UI in one
// page. Only the API's interfaces come along: DOM's own timers and fetch stay as they are.
/// <reference path="../../node_modules/@figma/plugin-typings/plugin-api.d.ts" />
declare const figma: PluginAPI;
declare const __html__: string;
