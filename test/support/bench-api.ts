/**
 * Everything scripts/bench.mjs needs, behind one module so that one runnerImport() gives it a single
 * instance of the lab and browser state.
 */
export { startLab, stopLab, openPage, openBlankPage, currentBrowser, currentLab } from './browser';
export { runCheckInPage } from './check-page';
export { runIceProbes } from './raw-probes';
export { labTargets, readDataFiles } from '../lab/targets';
export { REPO_ROOT, sweepStaleLabs } from '../lab/lab';
export { launchFirefox, runCheckInFirefox, openFirefoxPage } from './firefox';
