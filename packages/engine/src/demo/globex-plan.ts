import { addExpresswayCluster, addImpCluster, emptyDeployment } from './deployment-builder.ts';
import type { DemoPlan, Home } from './plan.ts';

const ORG = 'globex';
const DOMAIN = 'globex.example';

/** Globex: the second organization, small and healthy (one Expressway and one IM&P cluster). */
export function globexPlan(users: number): DemoPlan {
  const draft = emptyDeployment();
  const cluster = addExpresswayCluster(draft, {
    orgId: ORG,
    key: 'hq',
    name: 'Expressway HQ',
    size: 'Small',
    nodeCount: 2,
    domain: DOMAIN,
  });
  const { nodes } = addImpCluster(draft, {
    orgId: ORG,
    key: 'hq',
    name: 'IM&P HQ',
    expresswayClusterId: cluster.id,
    domain: DOMAIN,
    nodeCount: 2,
  });
  const homes: Home[] = nodes.map((node) => ({
    impClusterId: node.impClusterId,
    impNodeId: node.id,
    weight: 1,
  }));
  return {
    org: { id: ORG, name: 'Globex' },
    domain: DOMAIN,
    imDomain: `im.${DOMAIN}`,
    users,
    deployment: draft,
    homes,
    healthyHomes: homes,
    conditionHomes: {},
    defectRates: {
      NOT_ENTITLED: 0.005,
      NOT_FOUND_ON_PREMISES: 0.005,
      NO_MAIL_ID: 0.005,
      MAIL_ID_MISMATCH: 0.005,
      DUPLICATE_MAIL_ID: 0,
      DUPLICATE_JID_ACCOUNT: 0,
    },
    notActivatedRate: 0.15,
    pendingRate: 0.01,
    historicalCapacityRate: 0,
    everyErrorCode: false,
    onPremisesOnlyRate: 0.05,
  };
}
