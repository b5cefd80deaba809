import { describe, expect, it } from 'vitest';
import { clusterCapacity, isNodeEligible, nodeCapacity } from './capacity.ts';
import { isActive, ACTIVITY_WINDOW_MS } from './activity.ts';

describe('capacity', () => {
  it('holds (N − 1) × the node capacity, one node for a single-node cluster', () => {
    expect(nodeCapacity('Medium')).toBe(6500);
    expect(clusterCapacity('Small', 1)).toBe(5000);
    expect(clusterCapacity('Small', 2)).toBe(5000);
    expect(clusterCapacity('Large', 4)).toBe(45000);
  });

  it('serves from nodes with both connectors running, connected, not in maintenance', () => {
    const node = {
      messageConnector: 'Running',
      managementConnector: 'Running',
      connectivity: 'Degraded',
      maintenance: 'Off',
    } as const;
    expect(isNodeEligible(node)).toBe(true);
    expect(isNodeEligible({ ...node, connectivity: 'Outage' })).toBe(false);
    expect(isNodeEligible({ ...node, maintenance: 'Entering maintenance mode' })).toBe(false);
    expect(isNodeEligible({ ...node, messageConnector: 'Disabled' })).toBe(false);
  });
});

describe('activity', () => {
  it('is active within the 72 hours up to now, inclusive', () => {
    const now = 1_000_000_000;
    expect(isActive(now - ACTIVITY_WINDOW_MS, now)).toBe(true);
    expect(isActive(now - ACTIVITY_WINDOW_MS - 1, now)).toBe(false);
    expect(isActive(null, now)).toBe(false);
  });
});
