import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Template } from 'aws-cdk-lib/assertions';
import { buildApp, type BuildAppOptions, type ExchangeApp } from '../../infra/build-app';

/** Context that skips asset bundling (~0.3 s per stack instead of ~2.6 s). */
export const skipBundling = { 'aws:cdk:bundling-stacks': [] as string[] };

export function tempOutdir(): string {
  return mkdtempSync(path.join(tmpdir(), 'ldx-cdk-'));
}

/** The exchange app without cdk-nag and without bundling, for template assertions. */
export function buildTestApp(options: BuildAppOptions = {}): ExchangeApp {
  return buildApp({ nag: false, outdir: tempOutdir(), ...options, context: { ...skipBundling, ...options.context } });
}

export function exchangeTemplate(options: BuildAppOptions = {}): Template {
  return Template.fromStack(buildTestApp(options).stack);
}

/** The single resource of a type, as `[logicalId, resource]`. */
export function onlyResource(template: Template, type: string): [string, { Properties: Record<string, any> }] {
  const found = Object.entries(template.findResources(type));
  expect(found).toHaveLength(1);
  return found[0] as [string, { Properties: Record<string, any> }];
}
