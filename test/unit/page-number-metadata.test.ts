import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PAGE_NUMBER_METADATA_FILE, pageNumberMetadata } from '../../scripts/phone-metadata.ts';

describe('the content script’s phone metadata', () => {
  it('is what scripts/phone-metadata.ts makes from the installed libphonenumber-js (run it after an upgrade)', async () => {
    const committed: unknown = JSON.parse(readFileSync(PAGE_NUMBER_METADATA_FILE, 'utf8'));
    expect(committed).toEqual(await pageNumberMetadata());
  });
});
