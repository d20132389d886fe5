import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Template } from 'aws-cdk-lib/assertions';
import { buildApp, type BuildAppOptions, type ExchangeApp } from '../../infra/build-app';

/** Context that skips asset bundling (~0.3 s per stack instead of ~2.6 s). */
export const skipBundling = { 'aws:cdk:bundling-stacks': [] as string[] };

const outdirs: string[] = [];
process.once('exit', () => outdirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A synth output folder, removed when the test process exits. */
export function tempOutdir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'ldx-cdk-'));
  outdirs.push(dir);
  return dir;
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

/** The exchange function whose execution role was made for `entry` (e.g. `functions/api/handler.ts`). */
export function exchangeFunction(template: Template, entry: string): [string, { Properties: Record<string, any> }] {
  const roleId = exchangeRoleId(template, entry);
  const found = Object.entries(template.findResources('AWS::Lambda::Function')).filter(([, fn]) => fn.Properties.Role?.['Fn::GetAtt']?.[0] === roleId);
  expect(found).toHaveLength(1);
  return found[0] as [string, { Properties: Record<string, any> }];
}

/** The logical id of the execution role ExchangeFunction made for `entry`. */
export function exchangeRoleId(template: Template, entry: string): string {
  const found = Object.entries(template.findResources('AWS::IAM::Role')).filter(([, role]) => role.Properties.Description === `Execution role of ${entry}`);
  expect(found).toHaveLength(1);
  return found[0][0];
}

export const apiEntry = 'functions/api/handler.ts';
export const ingestEntry = 'functions/ingest/handler.ts';
export const indexerEntry = 'functions/indexer/handler.ts';
export const harvesterEntry = 'functions/harvest/jobs/harvester-handler.ts';
export const harvestDispatchEntry = 'functions/harvest/jobs/dispatch-handler.ts';
export const linkCheckEntry = 'functions/harvest/jobs/link-check-handler.ts';

/** The logical id of the search indexer's catalogue-changed queue (the FIFO queue with a redrive policy). */
export function eventsQueueId(template: Template): string {
  const found = Object.entries(template.findResources('AWS::SQS::Queue')).filter(([, q]) => q.Properties.FifoQueue && q.Properties.RedrivePolicy);
  expect(found).toHaveLength(1);
  return found[0][0];
}

/** The logical id of the ingest dead-letter queue (the one standard queue outside the harvest jobs). */
export function ingestDeadLettersId(template: Template): string {
  const found = Object.entries(template.findResources('AWS::SQS::Queue')).filter(([id, q]) => !q.Properties.FifoQueue && !id.startsWith('Harvest'));
  expect(found).toHaveLength(1);
  return found[0][0];
}
