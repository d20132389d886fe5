import { headingDiffers, readableName } from './column-display';

/** A column's readable heading, with the name that the API and the files use beneath it when it differs. */
export const ColumnHeading = ({ name }: { name: string }) =>
  headingDiffers(name) ? (
    <>
      <span class="column-heading">{readableName(name)}</span> <code class="column-name">{name}</code>
    </>
  ) : (
    <span class="column-heading">{name}</span>
  );
