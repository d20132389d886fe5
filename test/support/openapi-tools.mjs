// Runs two independent OpenAPI tools on the document read from stdin and prints their findings as
// JSON: Redocly's linter (recommended rules, as `redocly lint` runs them) and swagger-parser's
// validation. A separate process because both are ES modules, which Jest's CommonJS runtime cannot load.
import SwaggerParser from '@apidevtools/swagger-parser';
import { createConfig, lintFromString } from '@redocly/openapi-core';

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const source = Buffer.concat(chunks).toString('utf8');

const config = await createConfig({ extends: ['recommended'] });
const problems = await lintFromString({ source, absoluteRef: 'https://ldx.test/openapi.json', config });
const lintErrors = problems
  .filter((problem) => problem.severity === 'error')
  .map((problem) => `${problem.ruleId} at ${problem.location.map((l) => l.pointer).join(', ')}: ${problem.message}`);

let swaggerParser = 'valid';
try {
  await SwaggerParser.validate(JSON.parse(source));
} catch (error) {
  swaggerParser = String(error.message ?? error);
}
process.stdout.write(JSON.stringify({ lintErrors, swaggerParser }));
