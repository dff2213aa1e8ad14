'use strict';
// Checks the built AidaBilling.zip: only the AidaBilling/ folder, every file FreeScout needs,
// no test or build files, and module.json's version filled in with the Maven version.
// Usage: node test/check-zip.js target/AidaBilling.zip 1.0.0
const fs = require('node:fs');
const zlib = require('node:zlib');

function entries(buffer) {
  let eocd = buffer.length - 22;
  while (eocd >= 0 && buffer.readUInt32LE(eocd) !== 0x06054b50) {
    eocd--;
  }
  if (eocd < 0) {
    throw new Error('not a zip file');
  }
  const count = buffer.readUInt16LE(eocd + 10);
  let offset = buffer.readUInt32LE(eocd + 16);
  const list = [];
  for (let i = 0; i < count; i++) {
    if (buffer.readUInt32LE(offset) !== 0x02014b50) {
      throw new Error('broken central directory');
    }
    const method = buffer.readUInt16LE(offset + 10);
    const compressedSize = buffer.readUInt32LE(offset + 20);
    const nameLength = buffer.readUInt16LE(offset + 28);
    const extraLength = buffer.readUInt16LE(offset + 30);
    const commentLength = buffer.readUInt16LE(offset + 32);
    const localOffset = buffer.readUInt32LE(offset + 42);
    const name = buffer.toString('utf8', offset + 46, offset + 46 + nameLength);
    list.push({
      name,
      read() {
        const localNameLength = buffer.readUInt16LE(localOffset + 26);
        const localExtraLength = buffer.readUInt16LE(localOffset + 28);
        const start = localOffset + 30 + localNameLength + localExtraLength;
        const data = buffer.subarray(start, start + compressedSize);
        return method === 0 ? data : zlib.inflateRawSync(data);
      },
    });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return list;
}

const [zipPath, version] = process.argv.slice(2);
if (!zipPath || !version) {
  console.error('usage: node test/check-zip.js ZIP VERSION');
  process.exit(2);
}
const list = entries(fs.readFileSync(zipPath));
const names = list.map((e) => e.name);
const problems = [];
for (const name of names) {
  if (!name.startsWith('AidaBilling/')) {
    problems.push('outside AidaBilling/: ' + name);
  }
  if (/node_modules|\/test\/|phpunit|package(-lock)?\.json/.test(name)) {
    problems.push('not part of the module: ' + name);
  }
}
const required = [
  'AidaBilling/module.json', 'AidaBilling/start.php', 'AidaBilling/Http/routes.php',
  'AidaBilling/Http/Controllers/AidaBillingController.php', 'AidaBilling/Providers/AidaBillingServiceProvider.php',
  'AidaBilling/Config/config.php', 'AidaBilling/Resources/views/partials/profile_block.blade.php',
  'AidaBilling/Resources/views/settings.blade.php', 'AidaBilling/Resources/lang/ru.json', 'AidaBilling/Resources/lang/en.json',
  'AidaBilling/Public/js/module.js', 'AidaBilling/Public/css/module.css', 'AidaBilling/Support/ServiceClient.php',
];
for (const name of required) {
  if (!names.includes(name)) {
    problems.push('missing: ' + name);
  }
}
const moduleJson = list.find((e) => e.name === 'AidaBilling/module.json');
if (moduleJson) {
  const json = JSON.parse(moduleJson.read().toString('utf8'));
  if (json.version !== version) {
    problems.push('module.json version is ' + JSON.stringify(json.version) + ', expected ' + version);
  }
  if (Array.isArray(json.aliases) || typeof json.aliases !== 'object') {
    problems.push('module.json aliases must be an object');
  }
}
const moduleJs = list.find((e) => e.name === 'AidaBilling/Public/js/module.js');
if (moduleJs && moduleJs.read().toString('utf8') !== fs.readFileSync(__dirname + '/../AidaBilling/Public/js/module.js', 'utf8')) {
  problems.push('module.js in the zip differs from the source');
}
if (problems.length) {
  console.error(problems.join('\n'));
  process.exit(1);
}
console.log(zipPath + ': ' + names.length + ' entries, module.json version ' + version + ', 1 passed, 0 failed');
