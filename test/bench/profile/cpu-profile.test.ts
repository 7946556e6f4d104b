import { describe, expect, test } from 'vitest';
import { formatProfile, summarizeProfile, type CpuProfile } from '../../../bench/profile/cpu-profile.js';

const frame = (functionName: string, url = '', lineNumber = 0) => ({ functionName, url, lineNumber });

describe('summarizeProfile', () => {
  const profile: CpuProfile = {
    nodes: [
      { id: 1, callFrame: frame('(root)') },
      { id: 2, callFrame: frame('traceRow', 'file:///x/dist/render/trace-row.js', 9) },
      { id: 3, callFrame: frame('(garbage collector)') },
    ],
    samples: [2, 2, 3, 2, 1],
    timeDeltas: [1000, 1000, 500, 1000, 500],
  };

  test('adds each sample to its function and gives the collector its share', () => {
    const summary = summarizeProfile(profile);
    expect(summary).toMatchObject({ totalMs: 4, gcMs: 0.5, gcShare: 0.125 });
    expect(summary.functions[0]).toEqual({ where: 'traceRow render/trace-row.js:10', ms: 3, share: 0.75 });
  });

  test('formats the totals and the top functions', () => {
    const text = formatProfile('a.cpuprofile', summarizeProfile(profile), 2);
    expect(text).toBe(
      'a.cpuprofile: 4 ms sampled, garbage collector 1 ms (12.5 %)\n' +
        '       3.0 ms  75.0 %  traceRow render/trace-row.js:10\n' +
        '       0.5 ms  12.5 %  (garbage collector)\n',
    );
  });
});
