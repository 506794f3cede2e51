import test from 'ava';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { analyze } from '../../dissect/analyze.js';
import { DecryptionContext } from '../../dissect/decrypt/context.js';
import { exportHttpObjects, objectFileName, uniqueName } from '../../dissect/http/export-objects.js';
import { fixturePath } from '../helpers/fixtures.js';
import { sharedDirOrSkip } from '../helpers/shared.js';

const temp = (): string => mkdtempSync(path.join(tmpdir(), 'keyhole-http-objects-'));

test('file names come from the last path segment, sanitised, with index.html for a directory', (t) => {
  t.is(objectFileName('/'), 'index.html');
  t.is(objectFileName(null), 'index.html');
  t.is(objectFileName('/icons/apache_pb.png?x=1#top'), 'apache_pb.png');
  t.is(objectFileName('/a/b%20c%2Fd.txt'), 'b c_d.txt');
  t.is(objectFileName('/..'), '_');
  t.is(objectFileName('/%E0%A4%A'), '_E0_A4_A');
});

test('names are made unique the way browsers do it', (t) => {
  const taken = new Set(['index.html', 'index (1).html', 'README']);
  t.is(uniqueName('index.html', (n) => taken.has(n)), 'index (2).html');
  t.is(uniqueName('README', (n) => taken.has(n)), 'README (1)');
  t.is(uniqueName('new.css', (n) => taken.has(n)), 'new.css');
});

test('the demo exports its two response bodies, decoded, beside a file that was already there', async (t) => {
  const dir = temp();
  writeFileSync(path.join(dir, 'index.html'), 'keep me');
  const exporter = exportHttpObjects(dir);
  await analyze(fixturePath('demo.pcapng'), exporter, { decryption: await DecryptionContext.create({ keys: [fixturePath('demo.key')] }) });
  t.deepEqual(
    exporter.written.map((w) => [w.file, w.contentType, w.size]),
    [
      ['index (1).html', 'text/html', 240],
      ['orders', 'application/json', 107],
    ],
  );
  t.is(readFileSync(path.join(dir, 'index.html'), 'utf8'), 'keep me');
  t.regex(readFileSync(path.join(dir, 'index (1).html'), 'utf8'), /^<!doctype html>/);
});

test('rsasnakeoil2 exports its 11 responses under unique names', async (t) => {
  const shared = sharedDirOrSkip(t);
  if (shared === undefined) return;
  const capture = path.join(shared, 'rsasnakeoil2.pcap');
  const key = path.join(shared, 'rsasnakeoil2.key');
  const dir = temp();
  const exporter = exportHttpObjects(dir);
  await analyze(capture, exporter, { decryption: await DecryptionContext.create({ keys: [key] }) });
  t.is(exporter.written.length, 11);
  t.deepEqual(readdirSync(dir).sort(), exporter.written.map((w) => w.file).sort());
  t.true(['index.html', 'index (1).html', 'index (2).html', 'index (3).html', 'apache_pb.png', 'favicon.ico'].every((name) => readdirSync(dir).includes(name)));
  t.is(readFileSync(path.join(dir, 'apache_pb.png')).subarray(1, 4).toString(), 'PNG');
});
