'use strict';
const assert = require('assert');
const { openInEditor, positionOf, hoverTextAt, waitForDiagnostics } = require('../helpers');

suite('hover', () => {
  test('hovering a requirement name shows the package, its group and specifier', async () => {
    const document = await openInEditor('pyproject.toml');
    await waitForDiagnostics(document.uri);
    const text = await hoverTextAt(document.uri, positionOf(document, '"click>=8.1"', 3));
    assert.match(text, /\*\*click\*\*/);
    assert.match(text, /`>=8\.1`/);
  });

  test('hover works in requirements files and shows the normalized name', async () => {
    const document = await openInEditor('requirements/base.txt');
    await waitForDiagnostics(document.uri);
    const text = await hoverTextAt(document.uri, positionOf(document, 'Django>=4.2', 2));
    assert.match(text, /\*\*Django\*\*/);
    assert.match(text, /normalized: `django`/);
  });

  test('no hover away from requirements', async () => {
    const document = await openInEditor('pyproject.toml');
    const text = await hoverTextAt(document.uri, positionOf(document, 'e2e-fixture', 1));
    assert.doesNotMatch(text, /Specifier/);
  });
});
