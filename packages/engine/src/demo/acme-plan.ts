import { NODE_CAPACITY, type NodeSize } from '@hybrid-hub/contract';
import { addExpresswayCluster, addImpCluster, emptyDeployment } from './deployment-builder.ts';
import { ENABLED_SHARE, type DemoPlan, type Home } from './plan.ts';

const ORG = 'acme';
const DOMAIN = 'acme.example';

/** Regions with their own Expressway and IM&P clusters, added as the organization grows. */
const REGIONS: readonly [key: string, name: string, size: NodeSize, weight: number][] = [
  ['emea', 'EMEA', 'Medium', 1.3],
  ['americas', 'Americas', 'Small', 1.1],
  ['apj', 'APJ', 'Large', 1],
  ['india', 'India', 'Medium', 0.9],
  ['uk', 'UK', 'Small', 0.8],
  ['germany', 'Germany', 'Large', 0.9],
  ['brazil', 'Brazil', 'Medium', 0.7],
  ['japan', 'Japan', 'Small', 0.8],
  ['nordics', 'Nordics', 'Large', 0.6],
  ['france', 'France', 'Medium', 0.8],
  ['mexico', 'Mexico', 'Small', 0.6],
  ['australia', 'Australia', 'Large', 0.7],
  ['benelux', 'Benelux', 'Medium', 0.6],
  ['iberia', 'Iberia', 'Small', 0.6],
  ['italy', 'Italy', 'Large', 0.7],
  ['korea', 'Korea', 'Medium', 0.5],
  ['south-africa', 'South Africa', 'Small', 0.5],
];
const USERS_PER_REGION = 25_000;
/** From this size on, one small cluster really fills up (CLUSTER_AT_CAPACITY for real). */
export const REAL_CAPACITY_FROM = 100_000;

// Shares of users homed where a deployment condition breaks activation.
const SHARE_NO_CONNECTOR = 0.008; // Expressway Singapore: no node can serve
const SHARE_AXL = 0.004; // IM&P Americas West: the AXL account lacks the AXL role
const SHARE_CERTIFICATE = 0.003; // IM&P Lab: certificate not trusted
const SHARE_HOME_OUTAGE = 0.003; // IM&P EMEA node in Outage, high availability Off

/** Expected users a region's Expressway cluster will hold. */
const assigned = (users: number, share: number) => users * share * ENABLED_SHARE * 0.98;

/** Smallest node count (from `min`) and size (upgraded if needed) holding `need` users with headroom. */
function sizeFor(
  preferred: NodeSize,
  need: number,
  min: number,
): { size: NodeSize; nodeCount: number } {
  const sizes: NodeSize[] = ['Small', 'Medium', 'Large'];
  for (const size of sizes.slice(sizes.indexOf(preferred))) {
    const nodeCount = Math.max(min, Math.ceil((need * 1.2) / NODE_CAPACITY[size]) + 1);
    if (nodeCount <= 6) return { size, nodeCount };
  }
  return { size: 'Large', nodeCount: 6 };
}

/**
 * Acme's deployment for `users` cloud users: 2 regions up to 50,000 users, one more per 25,000
 * (at most 17), each an Expressway cluster sized for its users plus one IM&P cluster; IM&P
 * clusters synchronized by ICSA in groups of three; and the broken corners the guide describes.
 */
export function acmePlan(users: number): DemoPlan {
  const draft = emptyDeployment();
  const homes: Home[] = [];
  const healthyHomes: Home[] = [];
  const conditionHomes: DemoPlan['conditionHomes'] = {};
  const regionCount = Math.min(REGIONS.length, Math.max(2, Math.ceil(users / USERS_PER_REGION)));
  const regions = REGIONS.slice(0, regionCount);
  const realCapacity = users >= REAL_CAPACITY_FROM;
  // Canada is sized to be about 8 % short of room for its users.
  const canadaShare = realCapacity ? (NODE_CAPACITY.Small * 1.08) / (users * ENABLED_SHARE) : 0;
  const mainShare =
    1 - SHARE_NO_CONNECTOR - SHARE_AXL - SHARE_CERTIFICATE - SHARE_HOME_OUTAGE - canadaShare;
  const totalWeight = regions.reduce((sum, [, , , weight]) => sum + weight, 0);
  const icsaGroup = (index: number) => `acme-icsa-${Math.floor(index / 3) + 1}`;
  const home = (
    impNodeId: string,
    impClusterId: string,
    weight: number,
    healthy: boolean,
  ): Home => {
    const entry = { impClusterId, impNodeId, weight };
    homes.push(entry);
    if (healthy) healthyHomes.push(entry);
    return entry;
  };

  regions.forEach(([key, name, preferred, weight], index) => {
    const share = (mainShare * weight) / totalWeight;
    const { size, nodeCount } = sizeFor(preferred, assigned(users, share), index === 0 ? 3 : 2);
    const cluster = addExpresswayCluster(draft, {
      orgId: ORG,
      key,
      name: `Expressway ${name}`,
      size,
      nodeCount,
      domain: DOMAIN,
      // One EMEA node has a flaky link to the cloud: Degraded, still serving.
      tweak: (i) => (key === 'emea' && i === 1 ? { connectivity: 'Degraded' } : {}),
    });
    if (key === 'emea') {
      // Six nodes: group 2 has a node in Outage with its HA peer serving (failover), group 3 has
      // high availability Off and a node in Outage: its users cannot be activated.
      const { nodes } = addImpCluster(draft, {
        orgId: ORG,
        key,
        name: `IM&P ${name}`,
        expresswayClusterId: cluster.id,
        domain: DOMAIN,
        nodeCount: 6,
        highAvailability: [true, true, false],
        outages: [3, 4],
        icsaGroup: icsaGroup(index),
      });
      for (const [i, node] of nodes.entries()) {
        if (i === 4)
          conditionHomes.HOME_NODE_OUTAGE = home(
            node.id,
            node.impClusterId,
            SHARE_HOME_OUTAGE,
            false,
          );
        else home(node.id, node.impClusterId, share / 5, i !== 3);
      }
      return;
    }
    const { nodes } = addImpCluster(draft, {
      orgId: ORG,
      key,
      name: `IM&P ${name}`,
      expresswayClusterId: cluster.id,
      domain: DOMAIN,
      nodeCount: 4,
      icsaGroup: icsaGroup(index),
    });
    for (const node of nodes) home(node.id, node.impClusterId, share / nodes.length, true);
  });

  const emea = draft.expresswayClusters[0]!;
  const americas = draft.expresswayClusters[1]!;
  // A second IM&P cluster on Americas whose AXL account lacks the AXL role.
  const west = addImpCluster(draft, {
    orgId: ORG,
    key: 'americas-west',
    name: 'IM&P Americas West',
    expresswayClusterId: americas.id,
    domain: DOMAIN,
    nodeCount: 2,
    axlAccountHasRole: false,
  });
  conditionHomes.AXL_FAILURE = home(west.nodes[0]!.id, west.cluster.id, SHARE_AXL / 2, false);
  home(west.nodes[1]!.id, west.cluster.id, SHARE_AXL / 2, false);
  // A lab IM&P cluster on EMEA whose certificate the Expressway cannot validate.
  const lab = addImpCluster(draft, {
    orgId: ORG,
    key: 'lab',
    name: 'IM&P Lab',
    expresswayClusterId: emea.id,
    domain: DOMAIN,
    nodeCount: 1,
    certificateTrusted: false,
    version: '15.0.1.13900-5',
  });
  conditionHomes.CERTIFICATE_VALIDATION_FAILED = home(
    lab.nodes[0]!.id,
    lab.cluster.id,
    SHARE_CERTIFICATE,
    false,
  );
  // Singapore: one node in maintenance mode, the other not responding: nothing can serve.
  const singapore = addExpresswayCluster(draft, {
    orgId: ORG,
    key: 'singapore',
    name: 'Expressway Singapore',
    size: 'Small',
    nodeCount: 2,
    domain: DOMAIN,
    tweak: (i) =>
      i === 0
        ? { maintenance: 'In maintenance mode', messageConnector: 'Stopped' }
        : {
            connectivity: 'Outage',
            managementConnector: 'Not responding',
            messageConnector: 'Not responding',
          },
  });
  const singaporeImp = addImpCluster(draft, {
    orgId: ORG,
    key: 'singapore',
    name: 'IM&P Singapore',
    expresswayClusterId: singapore.id,
    domain: DOMAIN,
    nodeCount: 2,
    icsaGroup: icsaGroup(0),
  });
  conditionHomes.NO_CONNECTOR_AVAILABLE = home(
    singaporeImp.nodes[0]!.id,
    singaporeImp.cluster.id,
    SHARE_NO_CONNECTOR / 2,
    false,
  );
  home(singaporeImp.nodes[1]!.id, singaporeImp.cluster.id, SHARE_NO_CONNECTOR / 2, false);

  if (realCapacity) {
    const canada = addExpresswayCluster(draft, {
      orgId: ORG,
      key: 'canada',
      name: 'Expressway Canada',
      size: 'Small',
      nodeCount: 2,
      domain: DOMAIN,
    });
    const canadaImp = addImpCluster(draft, {
      orgId: ORG,
      key: 'canada',
      name: 'IM&P Canada',
      expresswayClusterId: canada.id,
      domain: DOMAIN,
      nodeCount: 2,
      icsaGroup: icsaGroup(regionCount - 1),
    });
    for (const node of canadaImp.nodes) home(node.id, node.impClusterId, canadaShare / 2, false);
  }

  return {
    org: { id: ORG, name: 'Acme' },
    domain: DOMAIN,
    imDomain: `im.${DOMAIN}`,
    users,
    deployment: draft,
    homes,
    healthyHomes,
    conditionHomes,
    defectRates: {
      NOT_ENTITLED: 0.003,
      NOT_FOUND_ON_PREMISES: 0.004,
      NO_MAIL_ID: 0.0025,
      MAIL_ID_MISMATCH: 0.003,
      DUPLICATE_MAIL_ID: 0.002,
      DUPLICATE_JID_ACCOUNT: 0.0015,
    },
    notActivatedRate: 0.175,
    pendingRate: 0.006,
    historicalCapacityRate: realCapacity ? 0 : 0.001,
    everyErrorCode: true,
    onPremisesOnlyRate: 0.06,
  };
}
