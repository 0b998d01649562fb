import { App } from 'cdk8s-conductor';
import { defineExamples } from './index';

// Every example app, synthesized into dist/ by `npx conductor synth`.
const app = new App();
defineExamples(app);
app.synth();
