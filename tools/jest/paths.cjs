// Maps the `@todo/*` aliases of tsconfig.base.json to source files, so jest never needs a build.
const path = require('node:path');
const { compilerOptions } = require('../../tsconfig.base.json');

function pathsToModuleNameMapper() {
  const root = path.resolve(__dirname, '../..');
  return Object.fromEntries(
    Object.entries(compilerOptions.paths).map(([alias, [target]]) => [
      `^${alias.replace(/\//g, '\\/')}$`,
      path.join(root, target),
    ]),
  );
}

module.exports = { pathsToModuleNameMapper };
