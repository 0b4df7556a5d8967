import { describe, expect, it } from 'vitest';
import { FeatureCodes } from './feature-codes.ts';

describe('the lab PBX’s feature access codes', () => {
  it('switch Do Not Disturb and forwarding per user, DND first', () => {
    const changed: string[] = [];
    const codes = new FeatureCodes((user) => changed.push(user));
    expect(codes.routeFor('reception')).toBeNull();
    expect(codes.apply('reception', '*72202')).toBe(true);
    expect(codes.routeFor('reception')).toEqual({ kind: 'forward', to: '202' });
    expect(codes.apply('reception', '*78')).toBe(true);
    expect(codes.routeFor('reception')).toEqual({ kind: 'busy' });
    expect(codes.routeFor('201')).toBeNull();
    codes.apply('reception', '*79');
    codes.apply('reception', '*73');
    expect(codes.routeFor('reception')).toBeNull();
    expect(codes.apply('reception', '*99')).toBe(false);
    expect(changed).toEqual(['reception', 'reception', 'reception', 'reception']);
  });
});
