import { App } from '../lib';
import { defineShop } from './shop';
import { defineWeb } from './web';

/** Adds every example stack to `app`. */
export function defineExamples(app: App): App {
  defineWeb(app);
  defineShop(app);
  return app;
}
