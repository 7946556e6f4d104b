// The port against the original: PyGmy's scene at 300 × 200 must match the
// Python render to within the original's own run-to-run noise.
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { expect, test } from 'vitest';
import { render } from '../../../src/raytracer/index.js';
import { shippedScene } from '../helpers/scenes.js';

// The original's render of its scene (Python pprocess 0.5 and PyGmy under
// CPython 3.11 with Pillow, written as TIFF and converted to PNG).
const referencePng = fileURLToPath(new URL('./fixtures/pygmy-300x200-python.png', import.meta.url));

test('scenes/pygmy.json matches the original\'s render (mean absolute difference ≤ 2 per channel)', async () => {
  const reference = await sharp(referencePng).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  expect(reference.info).toMatchObject({ width: 300, height: 200, channels: 3 });

  const image = await render(shippedScene('pygmy'), { strategy: 'serial' });
  expect(image.data.length).toBe(reference.data.length);

  const perChannel = [0, 0, 0];
  for (let i = 0; i < image.data.length; i++) perChannel[i % 3]! += Math.abs(image.data[i]! - reference.data[i]!);
  const pixels = 300 * 200;
  const mad = perChannel.map((sum) => sum / pixels);
  const overall = perChannel.reduce((a, b) => a + b) / image.data.length;
  expect(overall, `per channel: ${mad.map((m) => m.toFixed(2)).join(', ')}`).toBeLessThanOrEqual(2);
  for (const channel of mad) expect(channel).toBeLessThanOrEqual(2);
});
