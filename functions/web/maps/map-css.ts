import { MAP_AREA_CSS } from '../../geo/svg/map-drawing';

/**
 * The map section's styles, served in the site stylesheet (the pages' CSP allows no inline
 * styles): the drawing's own rules (shared with the stand-alone map.svg) and the layout around it.
 */
export const mapCss = [
  MAP_AREA_CSS,
  '.map-layout{display:flex;flex-wrap:wrap;gap:1.5rem;align-items:flex-start;margin-bottom:1.5rem}',
  '.map-figure{margin:0;flex:1 1 30rem;max-width:44rem}',
  '.map-svg{display:block;width:100%;height:auto;background:#fff}',
  '.map-key{flex:0 1 18rem}',
  '.map-key ul{list-style:none;margin:0 0 1rem;padding:0}',
  '.map-key li{display:flex;gap:.5rem;align-items:center;margin-bottom:.4rem}',
  '.map-swatch{flex:none}',
  '.map-area:focus path{stroke:#0b0c0c;stroke-width:4}',
  '.map-form{display:flex;flex-wrap:wrap;gap:.75rem;align-items:flex-end;margin-bottom:1rem}',
  '.map-form .form-group{margin-bottom:0;flex:1 1 20rem}',
  '.map-credit{font-size:.875rem;color:#505a5f}',
].join('\n');
