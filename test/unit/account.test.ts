import { describe, expect, it } from 'vitest';
import * as v from 'valibot';
import {
  AccountSettingsSchema,
  effectiveAuthorizationUser,
  normaliseSipAddress,
} from '../../src/shared/model/account.ts';

const valid = {
  serverUrl: 'wss://pbx.example.com:8089/ws',
  sipAddress: 'alice@example.com',
  authorizationUser: '',
  displayName: '',
  outboundProxy: '',
  xsiUrl: '',
};

describe('the account form', () => {
  it.each([
    ['wss://pbx.example.com/ws', true],
    ['ws://127.0.0.1:5066/ws', true],
    ['ws://localhost:8080', true],
    ['ws://[::1]:8080', true],
    ['ws://pbx.example.com/ws', false],
    ['https://pbx.example.com', false],
    ['pbx.example.com', false],
    ['', false],
  ])('accepts %s as the server: %s', (serverUrl, isAccepted) => {
    expect(v.safeParse(AccountSettingsSchema, { ...valid, serverUrl }).success).toBe(isAccepted);
  });

  it.each([
    ['alice@example.com', 'alice@example.com'],
    ['sip:alice@example.com', 'alice@example.com'],
    [' 201@10.0.0.5:5060 ', '201@10.0.0.5:5060'],
    ['alice', null],
    ['alice@', null],
    ['al ice@example.com', null],
  ])('reads the SIP address %j as %j', (input, expected) => {
    expect(normaliseSipAddress(input)).toBe(expected);
  });

  it('says which field is wrong with an i18n key', () => {
    const result = v.safeParse(AccountSettingsSchema, { ...valid, serverUrl: 'ws://pbx.example.com', sipAddress: 'x' });
    expect(result.success).toBe(false);
    const messages = (result.issues ?? []).map((issue) => [v.getDotPath(issue), issue.message]);
    expect(messages).toEqual([
      ['serverUrl', 'error_server_url'],
      ['sipAddress', 'error_sip_address'],
    ]);
  });

  it('uses the user part of the SIP address when no authorization user is given', () => {
    expect(effectiveAuthorizationUser({ ...valid })).toBe('alice');
    expect(effectiveAuthorizationUser({ ...valid, authorizationUser: 'a-1234' })).toBe('a-1234');
  });
});
