// Frame times of a simulator panel while it animates, in headless Chromium without VS Code.
// A frame's time is measured from its start (the requestAnimationFrame timestamp, shared by every
// callback of that frame) to the first task that runs after it was rendered (a MessageChannel
// message posted from the frame): our script, style, layout and paint — not the display's
// refresh interval, which a plain rAF-to-rAF delta would measure.
import { openPreview } from './sim-preview.mjs';

/**
 * Samples the durations (ms) of `frames` consecutive frames in the page; with `untilSelector`,
 * sampling stops early at the first frame after which that element matches (e.g. a Run button
 * that is disabled once the replay has finished).
 */
export async function sampleFrames(page, frames = 300, untilSelector = undefined) {
  return page.evaluate(({ n, until }) => new Promise((resolve) => {
    const durations = [];
    const channel = new MessageChannel();
    let frameStart = 0;
    channel.port1.onmessage = () => {
      durations.push(performance.now() - frameStart);
      if (durations.length < n && !(until && document.querySelector(until))) requestAnimationFrame(tick);
      else resolve(durations);
    };
    const tick = (start) => {
      frameStart = start;
      channel.port2.postMessage(0);
    };
    requestAnimationFrame(tick);
  }), { n: frames, until: untilSelector });
}

export function percentile(xs, p) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(s.length * p))];
}

/**
 * Opens `kind`'s panel, runs `start(page)` to set the animation going, skips `warmupFrames`,
 * then samples `frames`. With `untilSelector`, `prepare(page)` runs first and the sample is
 * every frame from `start` to the one after which `untilSelector` matches (at most `frames`).
 * Returns p50/p95/max and how many frames the idle page takes for comparison.
 */
export async function measureFrames(kind, start, { frames = 300, warmupFrames = 30, preset = '', untilSelector, prepare } = {}) {
  const { browser, page, errors } = await openPreview(kind, { preset });
  try {
    await page.waitForTimeout(500);
    const idle = await sampleFrames(page, 120);
    if (untilSelector) {
      await prepare?.(page);
      // Every frame from the start of the animation to its end, none of the idle ones after.
      const [busy] = await Promise.all([sampleFrames(page, frames, untilSelector), start(page)]);
      return summary(busy, idle, errors);
    }
    await start(page);
    await sampleFrames(page, warmupFrames);
    const busy = await sampleFrames(page, frames);
    return summary(busy, idle, errors);
  } finally {
    await browser.close();
  }
}

function summary(busy, idle, errors) {
  return {
    frames: busy.length,
    p50: percentile(busy, 0.5),
    p95: percentile(busy, 0.95),
    max: Math.max(...busy),
    idleP95: percentile(idle, 0.95),
    errors,
  };
}

