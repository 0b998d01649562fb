// @ts-check
/**
 * A TypeDoc plugin: every public prop is documented. Each property of an
 * exported interface or object type (props, options, rules) needs a doc
 * comment, and each optional one a `@default` tag saying what happens
 * when it is left out. A gap is a TypeDoc error, so `npm run docs:api`
 * (and the test that runs it) fails and names the property.
 */
import { Converter, ReflectionKind } from 'typedoc';

/** @param {import('typedoc').Application} app */
export function load(app) {
  app.converter.on(Converter.EVENT_RESOLVE_END, (context) => {
    const gaps = [];
    for (const refl of Object.values(context.project.reflections)) {
      if (!refl.kindOf(ReflectionKind.Property) || !refl.parent?.kindOf(ReflectionKind.Interface | ReflectionKind.TypeLiteral)) continue;
      if (/** @type {any} */ (refl).inheritedFrom) continue; // checked where it is declared
      const where = `${refl.getFullName()}`;
      const comment = /** @type {any} */ (refl).comment;
      if (!comment || comment.summary.every((part) => part.text.trim() === '')) gaps.push(`${where}: no doc comment`);
      else if (refl.flags.isOptional && !comment.blockTags.some((t) => t.tag === '@default' || t.tag === '@defaultValue')) {
        gaps.push(`${where}: optional, but no @default`);
      }
    }
    for (const gap of gaps.sort()) app.logger.error(`public prop ${gap}`);
  });
}

