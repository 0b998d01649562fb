import * as path from 'path';

export const REPO = path.resolve(__dirname, '..', '..');
export const SHARED = path.resolve(REPO, '..', 'shared');
export const SCHEMAS = path.join(SHARED, 'schemas');
