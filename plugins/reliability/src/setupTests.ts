import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// The machines running the suite are shared and small: give rendering
// (and lazily loaded extensions) room beyond the defaults.
jest.setTimeout(20_000);
configure({ asyncUtilTimeout: 5_000 });
