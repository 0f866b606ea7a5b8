/** API and unit tests: real SQLite files, real HTTP (supertest). */
const tsJest = ['ts-jest', { tsconfig: 'tsconfig.json', diagnostics: false }];

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  testMatch: ['<rootDir>/tests/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '\\.browser\\.test\\.ts$'],
  transform: {
    '^.+\\.ts$': tsJest,
    // jose and strip-bom (used by @microsoft/app-manifest) are ESM-only; compile them to CommonJS for jest.
    '^.+\\.js$': ['ts-jest', { tsconfig: { allowJs: true, module: 'commonjs', esModuleInterop: true }, diagnostics: false }],
  },
  // strip-bom sits in a nested node_modules, so match on the package folder anywhere in the path.
  transformIgnorePatterns: ['^(?!.*/node_modules/(jose|strip-bom)/).*/node_modules/'],
  testTimeout: 30_000,
};
