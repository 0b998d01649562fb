/**
 * The end-to-end suite on a real single-node Docker Swarm (docs/swarm-e2e.md).
 * The engine is started by the e2e project's global set-up and stopped by its
 * teardown; the scenarios share it and run in this order, one at a time.
 * A new scenario: a file in scenarios/ with its test app in apps/, and one
 * `describe` line here.
 */
import { deliverScenario } from './scenarios/deliver';
import { featuresScenario } from './scenarios/features';
import { healthScenario } from './scenarios/health';
import { importedScenario } from './scenarios/imported';
import { marketplaceScenario } from './scenarios/marketplace';
import { realMarketplaceScenario } from './scenarios/real-marketplace';
import { realShopScenario } from './scenarios/real-shop';
import { realWebScenario } from './scenarios/real-web';
import { rolloutScenario } from './scenarios/rollout';
import { recordStep, SCENARIOS_STEP, timedScenario } from './support/timer';

jest.setTimeout(180_000);

let startedAt = 0;
beforeAll(() => {
  startedAt = Date.now();
});
afterAll(() => recordStep(SCENARIOS_STEP, Date.now() - startedAt));

describe('a stack with every Swarm feature (e2e-app)', timedScenario('e2e-app', featuresScenario));
describe('health checks (e2e-health)', timedScenario('e2e-health', healthScenario));
describe('rolling update of an image tag (e2e-rollout)', timedScenario('e2e-rollout', rolloutScenario));
describe('the marketplace example (apps/marketplace.ts) with stand-in commands', timedScenario('marketplace', marketplaceScenario));
describe('conductor deploy and status (e2e-deliver)', timedScenario('e2e-deliver', deliverScenario));
describe('the seed web app on real nginx (e2e-real-web)', timedScenario('e2e-real-web', realWebScenario));
describe('the shop example on real postgres, nginx and app images (e2e-real-shop)', timedScenario('e2e-real-shop', realShopScenario));
describe(
  'the marketplace example on real postgres, NATS and app images (e2e-real-marketplace)',
  timedScenario('e2e-real-marketplace', realMarketplaceScenario),
);
describe('imported compose files, deployed as imported (e2e-imported)', timedScenario('e2e-imported', importedScenario));
