import { request } from 'undici';
import { describe, expect, it } from 'vitest';

describe('the test guard', () => {
  it('refuses connections to hosts other than the loopback', async () => {
    await expect(request('http://pypi.org/simple/')).rejects.toThrow(/Tests may not use the network/);
    await expect(request('http://93.184.216.34/')).rejects.toThrow(/Tests may not use the network/);
  });
});
