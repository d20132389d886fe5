// Minimal typings for graphy's RDF/XML scriber (it ships none): a Transform stream taking RDF/JS quads and giving text.
declare module '@graphy/content.xml.scribe' {
  import type { Transform } from 'node:stream';
  interface XmlScriberOptions {
    prefixes?: Record<string, string>;
  }
  function xmlScriber(options?: XmlScriberOptions): Transform;
  export = xmlScriber;
}
