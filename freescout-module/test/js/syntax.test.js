'use strict';
// module.js must stay ES5 (FreeScout minifies module JS with JShrink), and the module's PHP must
// parse as PHP 7.1 (glayzzle php-parser in 7.1 mode, a second opinion beside test/php71/check.php).
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const acorn = require('acorn');
const PhpParser = require('php-parser');
const { moduleSource } = require('./helpers');

const ROOT = path.join(__dirname, '..', '..');

function parseEs5(source) {
  return acorn.parse(source, { ecmaVersion: 5, sourceType: 'script' });
}

test('module.js parses as ECMAScript 5', () => {
  assert.doesNotThrow(() => parseEs5(moduleSource));
});

const ES6_SAMPLES = {
  'arrow function': 'var f = (a) => a;',
  'template literal': 'var s = `x${1}`;',
  'let': 'let a = 1;',
  'const': 'const a = 1;',
  'class': 'class A {}',
  'destructuring': 'var {a} = {a: 1};',
  'default parameter': 'function f(a = 1) {}',
  'spread': 'f(...args);',
  'shorthand method': 'var o = { m() {} };',
  'for of': 'for (var x of y) {}',
};

for (const [name, sample] of Object.entries(ES6_SAMPLES)) {
  test('the ES5 check refuses ' + name, () => {
    assert.throws(() => parseEs5(sample), SyntaxError);
  });
}

test('module.js has no regex literal (JShrink misreads them)', () => {
  const tokens = Array.from(acorn.tokenizer(moduleSource, { ecmaVersion: 5 }));
  assert.ok(tokens.length > 500);
  assert.equal(tokens.filter((t) => t.type === acorn.tokTypes.regexp).length, 0);
  const withRegex = Array.from(acorn.tokenizer('var r = /a+/g;', { ecmaVersion: 5 }));
  assert.equal(withRegex.filter((t) => t.type === acorn.tokTypes.regexp).length, 1, 'the check can see one');
});

test('module.js starts with a separator, so a bundle with a file lacking a final ";" stays valid', () => {
  const code = moduleSource.replace(/^\/\*[\s\S]*?\*\/\s*/, '');
  assert.equal(code.charAt(0), ';');
  assert.doesNotThrow(() => parseEs5('var before = function () {}\n' + moduleSource));
});

function phpFiles(dir) {
  const out = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      out.push(...phpFiles(full));
    } else if (entry.name.endsWith('.php') && !entry.name.endsWith('.blade.php')) {
      out.push(full);
    }
  }
  return out;
}

function parsePhp71(code, name) {
  const parser = new PhpParser({ parser: { php7: true, version: '7.1', suppressErrors: false }, ast: { withPositions: false } });
  return parser.parseCode(code, name);
}

const phpSources = phpFiles(path.join(ROOT, 'AidaBilling'));

test('the module has PHP files to check', () => {
  assert.ok(phpSources.length >= 15, String(phpSources.length));
});

for (const file of phpSources) {
  test('PHP 7.1 parser accepts ' + path.relative(ROOT, file), () => {
    assert.doesNotThrow(() => parsePhp71(fs.readFileSync(file, 'utf8'), file));
  });
}

const PHP_BAD = {
  'arrow function': '<?php $f = fn($x) => $x;',
  'match': '<?php echo match ($a) { 1 => 2, default => 3 };',
  'nullsafe': '<?php echo $a?->b;',
  'named argument': '<?php f(a: 1);',
  '??=': '<?php $a ??= 1;',
  'typed property': '<?php class A { private int $x; }',
  'enum': '<?php enum S { case A; }',
  'throw expression': '<?php $a = $b ?? throw new E();',
  'trailing comma in a call': '<?php f(1, 2,);',
};

for (const [name, code] of Object.entries(PHP_BAD)) {
  test('the PHP 7.1 parser refuses ' + name, () => {
    assert.throws(() => parsePhp71(code, name + '.php'));
  });
}
