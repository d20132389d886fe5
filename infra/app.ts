#!/usr/bin/env node
/**
 * CDK app entry (cdk.json: `npx tsx infra/app.ts`). Environment-agnostic: synthesises offline
 * with no AWS credentials. cdk-nag AwsSolutions checks run on every synth.
 * Deploy with: npx cdk deploy --parameters AdminTokenSha256=<sha256 hex of your admin token>
 */
import { buildApp } from './build-app';

const { app } = buildApp();
app.synth();
