import type { Browser } from 'playwright-core';
import { launchBrowser } from './support/browser';

/**
 * The browser the tests launch draws text in a real font: the npm-shipped Chromium gets its own
 * fonts through the fontconfig file findChromium writes (without it, this machine's fonts or none
 * would be used), so pages, axe's contrast checks and screenshots look the same everywhere.
 */
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

test('ordinary text and £ are drawn with the shipped font, every character from a real glyph', async () => {
  const page = await browser.newPage();
  const text = 'Fees £12.50 for London';
  await page.setContent(`<p id="text" style="font-family: sans-serif">${text}</p>`);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('DOM.enable');
  await cdp.send('CSS.enable');
  const { root } = await cdp.send('DOM.getDocument');
  const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector: '#text' });
  const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
  expect(fonts.reduce((glyphs, font) => glyphs + font.glyphCount, 0)).toBe(text.length);
  // A system browser (LDX_CHROMIUM) draws with whatever fonts that machine has, so only the
  // npm-shipped one has a known font.
  if (!process.env.LDX_CHROMIUM) expect(fonts.map((font) => font.familyName)).toEqual(['Open Sans']);
});
