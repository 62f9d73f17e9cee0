// One lint config for the whole repo: typescript-eslint's recommended rules over every TypeScript file.
import js from "@eslint/js";
import globals from "globals";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["dist/", "build/", "coverage/", "node_modules/", ".wrangler/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      // Prettier's width, for what it leaves long: comments, strings and test names.
      "max-len": ["error", { code: 120, ignoreUrls: true }],
    },
  },
  { files: ["**/*.js", "**/*.mjs"], languageOptions: { globals: globals.node } },
  {
    // The fake stands in for Figma's global `figma`, whose types exist only as ambient declarations.
    files: ["test/fake-figma/**", "test/ui/figma-globals.d.ts"],
    rules: { "@typescript-eslint/triple-slash-reference": "off" },
  },
);
