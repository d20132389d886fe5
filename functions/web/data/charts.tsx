import { ColumnHeading } from './column-heading';
import type { Bin, ColumnProfile } from './column-profile';

/**
 * Small charts drawn on the server as inline SVG: fixed width and height (no layout shift),
 * no script, no external request. Each has a text alternative; the numbers are in a table too.
 */
const WIDTH = 320;
const HEIGHT = 120;

const clip = (text: string, max = 22): string => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

const VerticalBars = ({ bins, label, first, last }: { bins: Bin[]; label: string; first: string; last: string }) => {
  const top = Math.max(1, ...bins.map((b) => b.count));
  const plot = HEIGHT - 20;
  const slot = WIDTH / bins.length;
  return (
    <svg class="chart" width={WIDTH} height={HEIGHT} viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={label}>
      {bins.map((bin, i) => {
        const h = Math.round((bin.count / top) * (plot - 4));
        return (
          <rect class="bar" x={(i * slot + 1).toFixed(1)} y={plot - h} width={Math.max(1, slot - 2).toFixed(1)} height={h}>
            <title>{`${bin.label}: ${bin.count}`}</title>
          </rect>
        );
      })}
      <line class="axis" x1="0" y1={plot + 0.5} x2={WIDTH} y2={plot + 0.5} />
      <text x="0" y={HEIGHT - 4}>
        {clip(first, 20)}
      </text>
      <text x={WIDTH} y={HEIGHT - 4} text-anchor="end">
        {clip(last, 20)}
      </text>
    </svg>
  );
};

const HorizontalBars = ({ bins, label }: { bins: Bin[]; label: string }) => {
  const top = Math.max(1, ...bins.map((b) => b.count));
  const row = 22;
  const height = Math.max(row, bins.length * row);
  const textWidth = 150;
  return (
    <svg class="chart" width={WIDTH} height={height} viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-label={label}>
      {bins.map((bin, i) => {
        const w = Math.max(1, Math.round((bin.count / top) * (WIDTH - textWidth - 40)));
        return (
          <g>
            <text x="0" y={i * row + 15}>
              {clip(bin.label)}
            </text>
            <rect class="bar" x={textWidth} y={i * row + 4} width={w} height={row - 8} />
            <text x={textWidth + w + 4} y={i * row + 15}>
              {String(bin.count)}
            </text>
          </g>
        );
      })}
    </svg>
  );
};

const numberText = (n: number) => (Number.isInteger(n) ? n.toLocaleString('en-GB') : n.toLocaleString('en-GB', { maximumFractionDigits: 3 }));

/** One column's profile: the chart and a one-line summary. */
export const ProfileFigure = ({ profile }: { profile: ColumnProfile }) => {
  const missing = profile.missing > 0 ? `, ${profile.missing} missing` : '';
  if (profile.kind === 'identifier') {
    return (
      <figure class="profile__identifier">
        <figcaption>
          <ColumnHeading name={profile.name} />
        </figcaption>
        <p class="small">{`Identifies each row: all ${profile.distinct.toLocaleString('en-GB')} values in the sample are different, so there is no chart.`}</p>
        <p class="small secondary">{`${profile.type}${missing}`}</p>
      </figure>
    );
  }
  if (profile.kind === 'numeric') {
    const first = profile.bins[0].label.split(' to ')[0];
    const last = profile.bins[profile.bins.length - 1].label.split(' to ').pop() ?? '';
    return (
      <figure>
        <figcaption>
          <ColumnHeading name={profile.name} />
        </figcaption>
        <VerticalBars
          bins={profile.bins}
          first={first}
          last={last}
          label={`Histogram of ${profile.name}: values from ${numberText(profile.min)} to ${numberText(profile.max)}`}
        />
        <p class="small secondary">{`${profile.type}: min ${numberText(profile.min)}, mean ${numberText(profile.mean)}, max ${numberText(profile.max)}${missing}`}</p>
      </figure>
    );
  }
  if (profile.kind === 'timeline') {
    return (
      <figure>
        <figcaption>
          <ColumnHeading name={profile.name} />
        </figcaption>
        <VerticalBars
          bins={profile.bins}
          first={profile.bins[0].label}
          last={profile.bins[profile.bins.length - 1].label}
          label={`Timeline of ${profile.name}: from ${profile.first} to ${profile.last}`}
        />
        <p class="small secondary">{`${profile.type}: ${profile.first} to ${profile.last}${missing}`}</p>
      </figure>
    );
  }
  return (
    <figure>
      <figcaption>
        <ColumnHeading name={profile.name} />
      </figcaption>
      {profile.top.length > 0 ? (
        <HorizontalBars bins={profile.top} label={`Most frequent values of ${profile.name}: ${profile.top.map((b) => `${b.label} (${b.count})`).join(', ')}`} />
      ) : (
        <p>No values in the sample.</p>
      )}
      <p class="small secondary">{`${profile.type}: ${profile.distinct} distinct values${missing}`}</p>
    </figure>
  );
};
