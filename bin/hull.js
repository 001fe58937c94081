#!/usr/bin/env node
// The published entry point: the bundled CLI lives in dist/ (built by `npm run build`, which
// `npm ci` runs through the prepare script).
import '../dist/main.js';
