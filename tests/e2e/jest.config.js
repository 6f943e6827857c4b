// Whole-system tests: processes start in beforeAll, so tests get minutes, not seconds.
module.exports = { ...require('../../jest.preset.js'), testTimeout: 240_000 };
