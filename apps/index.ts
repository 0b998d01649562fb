import { App } from 'cdk8s-conductor';
import { defineEnvironments } from './environments';
import { defineMarketplace } from './marketplace';
import { defineShop } from './shop';
import { defineWeb } from './web';

/** Adds every example stack to `app`. */
export function defineExamples(app: App): App {
  defineWeb(app);
  defineShop(app);
  defineMarketplace(app);
  defineEnvironments(app);
  return app;
}
