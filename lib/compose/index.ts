// The Compose importer: docker-compose.yml (format 3.x) -> the model.
//   loader.ts       YAML, version, interpolation, env file, v3.13 schema
//   plan/           Compose -> ImportPlan (model-shaped, target-neutral), notes: a file per Compose section
//   build.ts        ImportPlan -> constructs, checked with the model's rules
//   codegen.ts      ImportPlan -> TypeScript using the public constructs
//   compose-stack.ts ComposeStack, the public entry point
export { ComposeStack } from './compose-stack';
export type { ComposeImportOptions, ComposeTextOptions } from './compose-stack';
export type { ComposeLoadOptions } from './loader';
export { ComposeImportError, formatNote, formatComposeProblem } from './problems';
export type { ComposeImportNote, ComposeNoteKind, ComposeProblem } from './problems';
