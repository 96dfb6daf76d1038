import '@testing-library/jest-dom';

// The machines running the suite are shared and small: give rendering
// tests room beyond Jest's 5 s default.
jest.setTimeout(20_000);
