import { App } from '../lib';
import { defineShop } from './shop';
import { defineWeb } from './web';

/** Every example app, synthesized into dist/. */
export function buildApp(): App {
  const app = new App();
  defineWeb(app);
  defineShop(app);
  return app;
}

buildApp().synth();
