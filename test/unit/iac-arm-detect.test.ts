import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Analyzer } from '../../src/core/analyze';
import { armReader } from '../../src/core/iac/arm/reader';
import { isArmTemplateText, isIacFile } from '../../src/core/iac/paths';
import { setIacReaders } from '../../src/core/iac/registry';

const TEMPLATE = readFileSync(join(__dirname, '..', 'fixtures', 'iac', 'repo', 'bicep', 'azuredeploy.json'), 'utf8');
const schema = (name: string) => `{\n  "$schema": "https://schema.management.azure.com/schemas/2018-05-01/${name}",\n  "resources": []\n}\n`;

test('a .json file is an ARM template by the $schema at its start, at any deployment scope', () => {
  assert.equal(isIacFile('infra/azuredeploy.json', TEMPLATE), true);
  assert.equal(isIacFile('a.json', schema('subscriptionDeploymentTemplate.json#')), true);
  assert.equal(isIacFile('a.json', schema('managementGroupDeploymentTemplate.json#')), true);
  assert.equal(isIacFile('a.json', '{"$schema":"https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#","resources":[]}'), true);
  // Name decides for the others; a template's text under another extension is not read as one.
  assert.equal(isIacFile('main.tf', ''), true);
  assert.equal(isIacFile('template.txt', TEMPLATE), false);
});

test('package.json, parameter files, and templates named only in passing are not ARM templates', () => {
  assert.equal(isIacFile('package.json', '{ "name": "x", "$schema": "https://json.schemastore.org/package" }'), false);
  assert.equal(isIacFile('main.parameters.json', schema('deploymentParameters.json#')), false);
  assert.equal(isIacFile('notes.json', '{ "description": "see https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#" }'), false);
  // Only the start is looked at: a $schema after 4,096 characters (a lockfile's worth of text) is not searched for.
  assert.equal(isArmTemplateText(`{ "padding": "${'x'.repeat(5000)}", ${TEMPLATE.slice(1)}`), false);
});

test('the analyzer reads a .json file as infrastructure code only while its text is a template', () => {
  setIacReaders([armReader]);
  const a = new Analyzer();
  a.setFile('package.json', '{ "name": "x" }');
  a.setFile('deploy/azuredeploy.json', TEMPLATE);
  assert.deepEqual(a.iacPaths(), ['deploy/azuredeploy.json']);
  assert.deepEqual(a.iacFacts()?.federatedCredentials.map((f) => f.address), ['deploy/azuredeploy.json#id-web/web', 'deploy/azuredeploy.json#id-web/web-staging']);
  assert.deepEqual(a.analyzeFile('deploy/azuredeploy.json').map((f) => `${f.range.start.line + 1}:${f.range.start.character + 1} ${f.ruleId}`), ['53:11 iac-fic-audience']);
  assert.deepEqual(a.analyzeFile('package.json'), []);
  // Its $schema edited away: no longer a template, its facts and findings gone.
  a.setFile('deploy/azuredeploy.json', TEMPLATE.replace('deploymentTemplate.json#', 'other.json#'));
  assert.deepEqual(a.iacPaths(), []);
  assert.equal(a.iacFacts(), null);
  assert.deepEqual(a.analyzeFile('deploy/azuredeploy.json'), []);
});

test('the extension starts for Bicep and for documents the ARM Tools extension calls templates, never for JSON as such', () => {
  const pkg = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as { activationEvents: string[] };
  for (const e of ['onLanguage:bicep', 'workspaceContains:**/*.bicep', 'onLanguage:arm-template']) assert.ok(pkg.activationEvents.includes(e), e);
  // Every Node project has package.json: starting for it would cost every such workspace the extension's start-up.
  assert.deepEqual(pkg.activationEvents.filter((e) => /json/i.test(e)), []);
});
