/**
 * Installed Python environments, read without running Python (public API of env/ for the language
 * server, the CLI and the tree view). See each module for details.
 */
export { discoverEnvironment, locateEnvironment, type DiscoveryOptions, type EnvironmentLocation, type EnvironmentOrigin } from './discover-environment';
export { environmentFromInterpreter, findInstalledEnvironment, loadEnvironment, loadEnvironmentSync } from './load-environment';
export { scanSitePackages, scanSitePackagesSync } from './scan-site-packages';
export { currentHostPlatform, interpreterMarkerEnvironment, type HostPlatform } from './marker-environment';
export { parsePyvenvConfig, type PyvenvConfig } from './pyvenv-config';
