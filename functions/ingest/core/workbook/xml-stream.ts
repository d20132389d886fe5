import { StringDecoder } from 'node:string_decoder';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { IngestInputError } from '../errors';

export interface XmlHandlers {
  open?: (tag: SaxesTagPlain) => void;
  close?: (tag: SaxesTagPlain) => void;
  text?: (text: string) => void;
}

/** How deep a workbook's XML may nest: far beyond what spreadsheet parts use, far below what exhausts a parser. */
export const WORKBOOK_XML_MAX_DEPTH = 64;

export interface XmlStreamOptions {
  /** What the part is, in the publisher's words ("the workbook's part xl/workbook.xml"). */
  what: string;
  /** Elements open inside each other at most: deeper is refused, so a hostile part cannot grow saxes' tag stack. */
  maxDepth: number;
  /** False: a DOCTYPE is refused outright (workbook parts never have one). True: it is skipped, never processed. */
  allowDoctype: boolean;
}

/**
 * Feeds a byte stream to saxes, calling `between` after every chunk so the caller can hand on
 * what it gathered. saxes never expands entities beyond XML's five predefined ones and never
 * reads a DTD or an external entity: a reference to any other entity is an error here, so a
 * "billion laughs" or external-entity file is refused rather than expanded.
 */
export async function* parseXmlStream(
  stream: AsyncIterable<Uint8Array | string> | Iterable<string>,
  handlers: XmlHandlers,
  options: XmlStreamOptions,
): AsyncGenerator<void> {
  const parser = new SaxesParser({ xmlns: false, position: false });
  let depth = 0;
  let failure: Error | null = null;
  const fail = (message: string) => {
    failure ??= new IngestInputError('format-error', `${capitalised(options.what)} ${message}`);
  };
  parser.on('error', (error) => fail(`is not well-formed XML: ${error.message.replace(/^undefined:\d*:?\d*:?\s*/, '')}.`));
  parser.on('doctype', () => {
    if (!options.allowDoctype) fail('declares a DTD (<!DOCTYPE>), which a workbook never does; the exchange does not process DTDs or entities.');
  });
  const { open, close } = handlers;
  const { maxDepth } = options;
  parser.on('opentag', (tag) => {
    if (++depth > maxDepth) fail(`nests elements more than ${maxDepth} deep.`);
    if (open && failure === null) open(tag as SaxesTagPlain);
  });
  parser.on('closetag', (tag) => {
    depth--;
    if (close && failure === null) close(tag as SaxesTagPlain);
  });
  if (handlers.text) {
    const onText = handlers.text;
    parser.on('text', (text) => {
      if (!failure) onText(text);
    });
    parser.on('cdata', (text) => {
      if (!failure) onText(text);
    });
  }
  // Node's own UTF-8 decoding, a character cut by a chunk's end carried to the next: it replaces
  // invalid bytes as TextDecoder does, in about two thirds of its time on a large sheet. A byte
  // order mark is passed on, and saxes skips it at the start of the document.
  const decoder = new StringDecoder('utf8');
  try {
    for await (const chunk of stream) {
      parser.write(typeof chunk === 'string' ? chunk : decoder.write(chunk));
      if (failure) throw failure;
      yield;
    }
    parser.close();
  } catch (error) {
    if (error instanceof IngestInputError) throw error;
    if (failure) throw failure;
    throw new IngestInputError('format-error', `${capitalised(options.what)} cannot be read: ${(error as Error).message}.`);
  }
  if (failure) throw failure;
  yield;
}

/** Reads a whole (small) part with the handlers. */
export async function parseXmlText(text: string, handlers: XmlHandlers, options: XmlStreamOptions): Promise<void> {
  for await (const _ of parseXmlStream([text], handlers, options));
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
