#!/usr/bin/env node
// The CLI as built by `npm run build` (run automatically by `npm ci` through the prepare script).
import '../dist/cli.mjs';
